/**
 * What scope a FHIR REST request needs (FHIR R4 RESTful API + Bulk Data $export): pure, no I/O.
 * Anything this module does not recognise is `unsupported`, and the decision denies it: a gateway
 * must never let through a request whose meaning it did not work out.
 */
import { RESOURCE_TYPE_SET, type QueryPair } from "../scopes";

export type Interaction =
  | "read"
  | "vread"
  | "history-instance"
  | "search-type"
  | "search-compartment"
  | "history-type"
  | "create"
  | "update"
  | "patch"
  | "delete"
  | "conditional-update"
  | "conditional-patch"
  | "conditional-delete"
  | "export-system"
  | "export-patient"
  | "export-group";

/** One resource type and the permission letters (canonical c r u d s order) the request needs on it. */
export type NeedItem = { resourceType: string; letters: string };

export type RequestNeed =
  | {
      kind: "resource";
      interaction: Interaction;
      items: NeedItem[];
      /** The request's query as decoded pairs (sorted), matched against a grant's narrowing. */
      pairs: QueryPair[];
      /** The one patient the request is limited to, when it names exactly one. */
      patientId: string | null;
      /** Bulk export reaches many patients: patient/ grants never apply. */
      allowsPatientContext: boolean;
    }
  | { kind: "public"; reason: string }
  | { kind: "unsupported"; reason: string };

export type FhirRequest = {
  method: string;
  path: string;
  query?: string | null;
  basePath?: string | null;
};

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const PATIENT_REF = /^(?:Patient\/)?([A-Za-z0-9\-.]{1,64})$/;
const SUBJECT_PATIENT = /^Patient\/([A-Za-z0-9\-.]{1,64})$/;
const unsupported = (reason: string): RequestNeed => ({ kind: "unsupported", reason });

const comparePairs = (a: QueryPair, b: QueryPair) =>
  a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/** Splits and decodes a query string as a FHIR server would (`+` is a space); null when malformed. */
export function parseQueryPairs(query: string): QueryPair[] | null {
  const text = query.startsWith("?") ? query.slice(1) : query;
  const pairs: QueryPair[] = [];
  if (text === "") return pairs;
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? "" : part.slice(eq + 1));
    if (name === null || value === null) return null;
    if (name !== "" && value !== "") pairs.push([name, value]);
  }
  if (pairs.length < 2) return pairs;
  pairs.sort(comparePairs);
  const unique: QueryPair[] = [pairs[0]!];
  for (let i = 1; i < pairs.length; i++)
    if (comparePairs(pairs[i]!, pairs[i - 1]!) !== 0) unique.push(pairs[i]!);
  return unique;
}

function decode(raw: string): string | null {
  const spaced = raw.includes("+") ? raw.replaceAll("+", " ") : raw;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return null;
  }
}

function valuesOf(pairs: readonly QueryPair[], name: string): string[] {
  const out: string[] = [];
  for (const [n, v] of pairs) if (n === name) out.push(v);
  return out;
}

/** The single patient named by `patient=`, `subject=Patient/...` or `subject:Patient=`, else null. */
export function patientFromQuery(pairs: readonly QueryPair[]): string | null {
  let id: string | null = null;
  for (const [name, value] of pairs) {
    let match: RegExpExecArray | null = null;
    if (name === "patient" || name === "patient:Patient" || name === "subject:Patient")
      match = PATIENT_REF.exec(value);
    else if (name === "subject") match = SUBJECT_PATIENT.exec(value);
    else continue;
    if (!match) return null; // another subject type, a list, a chain: not one patient
    if (id !== null && id !== match[1]) return null;
    id = match[1]!;
  }
  return id;
}

/** `_type` of a bulk export: the listed types, or `*` for all; null when a name is not a resource type. */
function exportTypes(pairs: readonly QueryPair[]): string[] | null {
  const listed = valuesOf(pairs, "_type")
    .flatMap((v) => v.split(","))
    .map((t) => t.trim())
    .filter(Boolean);
  if (listed.length === 0) return ["*"];
  if (listed.some((t) => !RESOURCE_TYPE_SET.has(t))) return null;
  return [...new Set(listed)].sort();
}

function splitPath(request: FhirRequest): { segments: string[]; query: string } | string {
  let path = request.path;
  let query = request.query ?? "";
  const q = path.indexOf("?");
  if (q >= 0) {
    query = query ? `${path.slice(q + 1)}&${query.replace(/^\?/, "")}` : path.slice(q + 1);
    path = path.slice(0, q);
  }
  if (path.includes("#")) return "The path contains a fragment (#).";
  const base = (request.basePath ?? "").replace(/\/+$/, "");
  if (base) {
    if (path !== base && !path.startsWith(`${base}/`))
      return `The path is outside the FHIR base ${base}.`;
    path = path.slice(base.length) || "/";
  }
  if (!path.startsWith("/")) return "The path must start with /.";
  if (/[%\\;]/.test(path))
    return "The path contains encoded or unusual characters (%, \\ or ;) a FHIR server may read differently.";
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  const segments = trimmed === "/" ? [] : trimmed.slice(1).split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".."))
    return "The path has empty, . or .. segments.";
  return { segments, query };
}

/** Maps a FHIR REST request to the scope letters it needs on each resource type. */
export function needOfRequest(request: FhirRequest): RequestNeed {
  const method = request.method.toUpperCase();
  const split = splitPath(request);
  if (typeof split === "string") return unsupported(split);
  const pairs = parseQueryPairs(split.query);
  if (pairs === null) return unsupported("The query string is not validly percent-encoded.");
  const s = split.segments;
  const isRead = method === "GET" || method === "HEAD";
  const resource = (
    interaction: Interaction,
    resourceType: string,
    letters: string,
    patientId: string | null = null,
  ) => resourceNeed(interaction, resourceType, letters, pairs, patientId);
  const patientOf = (type: string, id: string | null) =>
    type === "Patient" && id ? id : patientFromQuery(pairs);

  if (s.length === 0) {
    if (method === "POST")
      return unsupported(
        "Batch and transaction bundles carry many requests in one body; they are not checked here (send each entry separately).",
      );
    return unsupported("Whole-system search is not supported; search one resource type.");
  }
  const [first, second, third, fourth] = s;
  if (first === "metadata" && s.length === 1 && isRead)
    return { kind: "public", reason: "The capability statement (/metadata) needs no scope." };
  // SMART App Launch: apps read it at the FHIR base before they have a token.
  if (first === ".well-known" && second === "smart-configuration" && s.length === 2 && isRead)
    return {
      kind: "public",
      reason: "The SMART configuration (/.well-known/smart-configuration) needs no scope.",
    };
  if (first === "$export" && s.length === 1 && (isRead || method === "POST"))
    return exportNeed("export-system", pairs);
  if (first!.startsWith("$"))
    return unsupported(`The system-level operation ${first} is not recognised.`);
  if (first!.startsWith("_"))
    return unsupported(`The system-level ${first} interaction is not supported.`);
  if (!RESOURCE_TYPE_SET.has(first!))
    return unsupported(`${first} is not a FHIR R4 resource type.`);
  const type = first!;

  if (s.length === 1) {
    const ids = valuesOf(pairs, "_id");
    if (isRead)
      return resource(
        "search-type",
        type,
        "s",
        patientOf(type, ids.length === 1 && ID.test(ids[0]!) ? ids[0]! : null),
      );
    if (method === "POST") return resource("create", type, "c");
    if (pairs.length === 0)
      return unsupported(
        `${method} ${type} without a search is not supported (conditional interactions need a query).`,
      );
    if (method === "PUT") return resource("conditional-update", type, "us", patientOf(type, null));
    if (method === "PATCH") return resource("conditional-patch", type, "us", patientOf(type, null));
    if (method === "DELETE")
      return resource("conditional-delete", type, "ds", patientOf(type, null));
    return unsupported(`${method} is not a FHIR interaction on a resource type.`);
  }
  if (second === "_search" && s.length === 2 && (method === "POST" || isRead))
    return resource("search-type", type, "s", patientOf(type, null));
  if (second === "_history" && s.length === 2 && isRead)
    return resource("history-type", type, "s", patientOf(type, null));
  if (second!.startsWith("$")) {
    if (
      second === "$export" &&
      type === "Patient" &&
      s.length === 2 &&
      (isRead || method === "POST")
    )
      return exportNeed("export-patient", pairs);
    return unsupported(`The operation ${second} is not recognised.`);
  }
  if (second!.startsWith("_") || !ID.test(second!))
    return unsupported(`${second} is not a valid resource id.`);
  const id = second!;

  if (s.length === 2) {
    const patientId = patientOf(type, id);
    if (isRead) return resource("read", type, "r", patientId);
    if (method === "PUT") return resource("update", type, "u", patientId);
    if (method === "PATCH") return resource("patch", type, "u", patientId);
    if (method === "DELETE") return resource("delete", type, "d", patientId);
    return unsupported(`${method} on a resource instance is not a FHIR interaction.`);
  }
  if (third === "_history" && isRead) {
    if (s.length === 3) return resource("history-instance", type, "r", patientOf(type, id));
    if (s.length === 4 && ID.test(fourth!))
      return resource("vread", type, "r", patientOf(type, id));
  }
  if (third!.startsWith("$")) {
    if (third === "$export" && type === "Group" && s.length === 3 && (isRead || method === "POST"))
      return exportNeed("export-group", pairs);
    return unsupported(`The operation ${third} is not recognised.`);
  }
  // Compartment search: /Patient/123/Observation[?…] or …/Observation/_search.
  if (
    RESOURCE_TYPE_SET.has(third!) &&
    ((s.length === 3 && isRead) ||
      (s.length === 4 && fourth === "_search" && (isRead || method === "POST")))
  ) {
    const patientId = type === "Patient" ? id : null;
    return {
      kind: "resource",
      interaction: "search-compartment",
      items: [{ resourceType: third!, letters: "s" }],
      pairs,
      patientId,
      allowsPatientContext: true,
    };
  }
  return unsupported(
    `${method} ${request.path.split("?")[0]} is not a recognised FHIR interaction.`,
  );
}

function resourceNeed(
  interaction: Interaction,
  resourceType: string,
  letters: string,
  pairs: QueryPair[],
  patientId: string | null,
): RequestNeed {
  return {
    kind: "resource",
    interaction,
    items: [{ resourceType, letters }],
    pairs,
    patientId,
    allowsPatientContext: true,
  };
}

function exportNeed(
  interaction: "export-system" | "export-patient" | "export-group",
  pairs: QueryPair[],
): RequestNeed {
  const types = exportTypes(pairs);
  if (types === null) return unsupported("_type lists a name that is not a FHIR R4 resource type.");
  // Bulk data is read without narrowing: the export's own filters are not scope narrowing.
  return {
    kind: "resource",
    interaction,
    items: types.map((resourceType) => ({ resourceType, letters: "rs" })),
    pairs: [],
    patientId: null,
    allowsPatientContext: false,
  };
}

const interactionWords: Record<Interaction, string> = {
  read: "read",
  vread: "version read",
  "history-instance": "instance history",
  "search-type": "search",
  "search-compartment": "compartment search",
  "history-type": "type history",
  create: "create",
  update: "update",
  patch: "patch",
  delete: "delete",
  "conditional-update": "conditional update",
  "conditional-patch": "conditional patch",
  "conditional-delete": "conditional delete",
  "export-system": "system export",
  "export-patient": "patient export",
  "export-group": "group export",
};

export const describeInteraction = (interaction: Interaction) => interactionWords[interaction];
