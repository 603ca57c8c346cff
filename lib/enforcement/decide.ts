/**
 * The enforcement decision: may this client make this FHIR request? Pure — the caller brings the
 * client's compiled live grants (and the token's scopes, when the gateway passes them).
 * Reasons speak about the request, never list the client's grants.
 */
import {
  compileGrants,
  grantIndexCovers,
  hasGrantIn,
  hasGrantOn,
  parseScope,
  type GrantIndex,
  type ParsedScope,
  type ScopeContext,
} from "../scopes";
import { encodeQueryComponent } from "../scopes";
import type { DecisionCode } from "./access-token";
import { describeInteraction, type NeedItem, type RequestNeed } from "./fhir-request";

export type ClientStatus = {
  appStatus: "active" | "suspended";
  partnerStatus: "active" | "suspended";
};

/** A client's live grants, compiled once per grant version. */
export type CompiledGrants = ClientStatus & {
  index: GrantIndex;
  /** The same grants without their query narrowing; only built when some grant is narrowed (for the reason text). */
  unnarrowed: GrantIndex | null;
};

export type Decision = {
  allow: boolean;
  reason: string;
  required: string | null;
  matchedScope: string | null;
  /** Set on denials a program should tell apart: a refused token, a patient outside the launch. */
  code?: DecisionCode;
};

/** The verified token's launch context: its patient/ scopes reach only this patient's compartment. */
export type LaunchContext = { patient: string | null };

/** A client may act only while its app and its partner organisation are both active. */
export function isClientLive(status: ClientStatus): boolean {
  return status.appStatus === "active" && status.partnerStatus === "active";
}

export function compileClientGrants(
  status: ClientStatus,
  scopes: readonly string[],
): CompiledGrants {
  const live = isClientLive(status) ? scopes : [];
  const isNarrowed = live.some((s) => s.includes("?"));
  return {
    appStatus: status.appStatus,
    partnerStatus: status.partnerStatus,
    index: compileGrants(live),
    unnarrowed: isNarrowed ? compileGrants(live.map((s) => s.split("?")[0]!)) : null,
  };
}

const scopeOf = (context: ScopeContext, item: NeedItem) =>
  `${context}/${item.resourceType}.${item.letters}`;

/**
 * The request as a scope: the need, narrowed by everything the request's query says. The query
 * matters only against narrowed grants; without any, the plain scope takes the engine's fast path.
 */
function requestScope(
  base: string,
  need: Extract<RequestNeed, { kind: "resource" }>,
  isNarrowingRelevant: boolean,
): string | ParsedScope {
  if (!isNarrowingRelevant || need.pairs.length === 0) return base;
  const query = need.pairs
    .map(([n, v]) => `${encodeQueryComponent(n)}=${encodeQueryComponent(v)}`)
    .join("&");
  return parseScope(`${base}?${query}`);
}

type Attempt = {
  allowed: boolean;
  matched: string[];
  appCovers: boolean;
  unnarrowedCovers: boolean;
  tokenCovers: boolean;
};

function attempt(
  grants: CompiledGrants,
  token: TokenIndex | null,
  context: ScopeContext,
  need: Extract<RequestNeed, { kind: "resource" }>,
): Attempt {
  const matched: string[] = [];
  let appCovers = true;
  let unnarrowedCovers = true;
  let tokenCovers = true;
  const isNarrowingRelevant = grants.unnarrowed !== null || (token !== null && token.isNarrowed);
  for (const item of need.items) {
    const scope = requestScope(scopeOf(context, item), need, isNarrowingRelevant);
    const app = grantIndexCovers(grants.index, scope);
    if (app.covered) {
      if (app.matchedScope && !matched.includes(app.matchedScope)) matched.push(app.matchedScope);
    } else {
      appCovers = false;
      if (!grants.unnarrowed || !grantIndexCovers(grants.unnarrowed, scope).covered)
        unnarrowedCovers = false;
    }
    if (token && !grantIndexCovers(token, scope).covered) tokenCovers = false;
  }
  return {
    allowed: appCovers && tokenCovers,
    matched,
    appCovers,
    unnarrowedCovers: appCovers || unnarrowedCovers,
    tokenCovers,
  };
}

const hasAnyOn = (index: GrantIndex, context: ScopeContext, items: readonly NeedItem[]) =>
  hasGrantOn(index, context, "*") ||
  items.some((i) =>
    i.resourceType === "*"
      ? hasGrantIn(index, context)
      : hasGrantOn(index, context, i.resourceType),
  );

/**
 * `launch` is known only for a token verified here: then patient/ scopes apply to its patient
 * alone. Scopes a gateway asserts come without it, and the FHIR server checks the patient.
 */
export function decide(
  grants: CompiledGrants,
  need: RequestNeed,
  token: TokenIndex | null,
  launch: LaunchContext | null = null,
): Decision {
  if (need.kind === "unsupported")
    return { allow: false, reason: need.reason, required: null, matchedScope: null };
  const required = (context: ScopeContext) =>
    need.kind === "resource" ? need.items.map((i) => scopeOf(context, i)).join(" ") : null;
  if (!isClientLive(grants)) {
    const reason =
      grants.appStatus !== "active"
        ? "Denied: the app is suspended, so it has no access."
        : "Denied: the partner organisation is suspended, so its apps have no access.";
    return {
      allow: false,
      reason,
      required: need.kind === "resource" ? required(suspendedContext(need, token)) : null,
      matchedScope: null,
    };
  }
  if (need.kind === "public")
    return { allow: true, reason: need.reason, required: null, matchedScope: null };

  const what = `${describeInteraction(need.interaction)} of ${need.items.map((i) => (i.resourceType === "*" ? "every resource type" : i.resourceType)).join(", ")}`;
  const contexts: ScopeContext[] = need.allowsPatientContext
    ? ["patient", "user", "system"]
    : ["user", "system"];
  const attempts = new Map<ScopeContext, Attempt>();
  let isOutsideLaunch = false;
  for (const context of contexts) {
    if (context === "patient" && need.patientId === null) continue;
    if (context === "patient" && launch && launch.patient !== need.patientId) {
      isOutsideLaunch = true;
      continue;
    }
    const result = attempt(grants, token, context, need);
    if (result.allowed) {
      const note =
        context !== "patient"
          ? ""
          : launch
            ? ` Patient context: Patient/${need.patientId}, the token's patient.`
            : ` Patient context: the request is limited to Patient/${need.patientId}; the FHIR server must check it is the token's patient.`;
      return {
        allow: true,
        reason: `Allowed: ${what} in ${context} context.${note}`,
        required: required(context),
        matchedScope: result.matched.join(" ") || null,
      };
    }
    attempts.set(context, result);
  }

  // Denied: explain against the context the client works in, without listing its grants.
  if (isOutsideLaunch && attempt(grants, token, "patient", need).allowed) {
    return {
      allow: false,
      reason: launch!.patient
        ? `Denied: the token's patient/ scopes reach only Patient/${launch!.patient}, and this ${what} is for Patient/${need.patientId}.`
        : `Denied: the token's patient/ scopes need a patient launch context, and the token has none.`,
      required: required("patient"),
      matchedScope: null,
      code: "patient_mismatch",
    };
  }
  if (need.allowsPatientContext && need.patientId === null) {
    const patient = attempt(grants, token, "patient", need);
    if (
      patient.allowed ||
      (patient.appCovers && ![...attempts.values()].some((a) => a.appCovers))
    ) {
      return {
        allow: false,
        reason: `Denied: patient/ grants need the patient in the request (a /Patient/{id}/... path, or a patient= or subject=Patient/... parameter); this ${what} names none.`,
        required: required("patient"),
        matchedScope: null,
      };
    }
  }
  const candidates = [...attempts.keys()];
  const context =
    candidates.find((c) => attempts.get(c)!.appCovers) ??
    candidates.find((c) => attempts.get(c)!.unnarrowedCovers) ??
    candidates.find((c) => token && hasAnyOn(token, c, need.items)) ??
    candidates.find((c) => hasAnyOn(grants.index, c, need.items)) ??
    candidates[0]!;
  const result = attempts.get(context)!;
  const scope = required(context)!;
  if (result.appCovers && !result.tokenCovers) {
    return {
      allow: false,
      reason: `Denied: the token's scopes do not allow ${what} (${scope}).`,
      required: scope,
      matchedScope: null,
    };
  }
  if (result.unnarrowedCovers) {
    return {
      allow: false,
      reason: `Denied: this app's access to ${what} is narrowed by search parameters, and the request does not carry that narrowing.`,
      required: scope,
      matchedScope: null,
    };
  }
  return {
    allow: false,
    reason: `Denied: no live grant of this app allows ${what} (${scope}).`,
    required: scope,
    matchedScope: null,
  };
}

function suspendedContext(
  need: Extract<RequestNeed, { kind: "resource" }>,
  token: GrantIndex | null,
): ScopeContext {
  const contexts: ScopeContext[] =
    need.allowsPatientContext && need.patientId
      ? ["patient", "user", "system"]
      : ["user", "system"];
  return contexts.find((c) => token && hasAnyOn(token, c, need.items)) ?? contexts[0]!;
}

export type TokenIndex = GrantIndex & { isNarrowed: boolean };

export function compileToken(scopes: string): TokenIndex {
  return { ...compileGrants(scopes), isNarrowed: scopes.includes("?") };
}

/** Token scopes as a gateway passes them (space-separated), compiled; a small cache keeps repeated sets cheap. */
export function createTokenIndexCache(limit = 2000) {
  const cache = new Map<string, TokenIndex>();
  return (scopes: string): TokenIndex => {
    let index = cache.get(scopes);
    if (index) return index;
    index = compileToken(scopes);
    if (cache.size >= limit) cache.delete(cache.keys().next().value!);
    cache.set(scopes, index);
    return index;
  };
}
