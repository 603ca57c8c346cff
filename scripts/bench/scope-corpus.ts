// The corpus of bench:scopes: grant sets of 5, 50 and 500 scopes and the checks asked of them,
// mixing contexts, SMART v1 and v2, narrowing, identity and launch scopes, and about 15 % invalid
// strings. Seeded, so every run checks the same cases.
import { parseScope, RESOURCE_TYPES } from "../../lib/scopes/index";

export type Case = { set: number; request: string };
export type GrantSet = { size: number; scopes: string[] };

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const COMMON_TYPES = [
  "Patient",
  "Observation",
  "Condition",
  "Encounter",
  "MedicationRequest",
  "Immunization",
  "DocumentReference",
  "Coverage",
  "ExplanationOfBenefit",
  "AllergyIntolerance",
  "Procedure",
  "Practitioner",
  "DiagnosticReport",
  "CarePlan",
  "Claim",
  "ClaimResponse",
  "Task",
  "Organization",
  "Goal",
  "ServiceRequest",
];
const NON_CLINICAL = [
  "openid",
  "fhirUser",
  "profile",
  "launch",
  "launch/patient",
  "launch/encounter",
  "offline_access",
  "online_access",
];
const NARROWING = [
  "category=laboratory",
  "category=vital-signs",
  "_tag=research",
  "code=http://loinc.org|8867-4",
];
/** Pre-R4 or misspelled type names people still write: not FHIR R4 resource types. */
const NOT_R4 = ["MedicationOrder", "ProcedureRequest", "DiagnosticOrder", "Patients", "Labs"];

const pickContext = (r: Rng) => {
  const x = r();
  return x < 0.4 ? "patient" : x < 0.75 ? "user" : "system";
};
const pickType = (r: Rng) => (r() < 0.7 ? pick(r, COMMON_TYPES) : pick(r, RESOURCE_TYPES));
const lettersOf = (mask: number) => [..."cruds"].filter((_, bit) => mask & (1 << bit)).join("");

/** Strings that look like scopes and are not (each for a reason the SMART grammar states). */
function invalidScope(r: Rng): string {
  const ctx = pickContext(r);
  const type = pickType(r);
  switch (Math.floor(r() * 9)) {
    case 0:
      return `${ctx}/${type.toLowerCase()}.read`; // type names are case-sensitive
    case 1:
      return `${ctx}/${type}.sr`; // v2 letters must be in the order c, r, u, d, s
    case 2:
      return `${ctx}/${pick(r, NOT_R4)}.read`;
    case 3:
      return `${ctx}/${type}.read?${pick(r, NARROWING)}`; // narrowing is v2 only
    case 4:
      return `${ctx}/${type}.RS`;
    case 5:
      return pick(r, ["fhiruser", "offline-access", "launch/Patient", "openID"]);
    case 6:
      return `provider/${type}.read`; // not a SMART context
    case 7:
      return `${ctx}/${type}.rs?`;
    default:
      return `${ctx}/${type}.readwrite`;
  }
}

function validGrant(r: Rng): string {
  if (r() < 0.2) return pick(r, NON_CLINICAL);
  const head = `${pickContext(r)}/${r() < 0.07 ? "*" : pickType(r)}`;
  if (r() < 0.3) return `${head}.${pick(r, ["read", "read", "write", "*"])}`;
  const mask = pick(r, [18, 18, 18, 2, 16, 1, 4, 5, 13, 31, 8, 19, 6]);
  const narrowed = (mask & 18) !== 0 && r() < 0.12 ? `?${pick(r, NARROWING)}` : "";
  return `${head}.${lettersOf(mask)}${narrowed}`;
}

function request(r: Rng, scopes: readonly string[]): string {
  const x = r();
  if (x < 0.15) return invalidScope(r);
  if (x < 0.27) {
    const own = scopes.filter((s) => NON_CLINICAL.includes(s));
    return own.length && r() < 0.6 ? pick(r, own) : pick(r, NON_CLINICAL);
  }
  const clinical = scopes.map(parseScope).filter((s) => s.valid && s.kind === "clinical");
  const base = clinical.length && r() < 0.65 ? pick(r, clinical) : null;
  const context = base && r() < 0.8 ? base.context! : pickContext(r); // often another context than the grant's
  const type = base && base.resourceType !== "*" ? base.resourceType! : pickType(r);
  const y = r();
  const perm =
    y < 0.7
      ? base && r() < 0.7
        ? pick(r, [...base.permissions!])
        : pick(r, ["r", "s", "r", "s", "c", "u", "d"])
      : y < 0.85
        ? pick(r, ["read", "write"])
        : pick(r, ["rs", "cud", "cruds", "cu"]);
  const isV2 = perm !== "read" && perm !== "write";
  const query = isV2 && r() < 0.1 ? `?${pick(r, NARROWING)}` : "";
  return `${context}/${type}.${perm}${query}`;
}

/** Sets of each size, and `perSize` checks per size spread over them. */
export function buildCorpus(perSize = 2000): { sets: GrantSet[]; cases: Case[] } {
  const r = random(20261122);
  const sets: GrantSet[] = [];
  const cases: Case[] = [];
  for (const [size, count] of [
    [5, 40],
    [50, 20],
    [500, 8],
  ] as const) {
    for (let k = 0; k < count; k++) {
      const scopes = Array.from({ length: size }, () =>
        r() < 0.15 ? invalidScope(r) : validGrant(r),
      );
      const set = sets.push({ size, scopes }) - 1;
      for (let i = 0; i < perSize / count; i++) cases.push({ set, request: request(r, scopes) });
    }
  }
  return { sets, cases };
}

/** sof-scope-checker's arguments for a request: resource name and read | write | *, or null when it has no clinical shape. */
export function sofArguments(request: string): { name: string; action: string } | null {
  const m = /^[^/?]+\/([^.?]+)\.([^?]*)/.exec(request);
  if (!m) return null;
  const perm = m[2]!;
  const action =
    perm === "read" || perm === "write" || perm === "*"
      ? perm
      : /^[rs]+$/.test(perm)
        ? "read"
        : /^[cud]+$/.test(perm)
          ? "write"
          : /^[cruds]+$/.test(perm)
            ? "*"
            : perm;
  return { name: m[1]!, action };
}

/** The grant strings sof-scope-checker accepts for (name, action) — the list it builds on every call. */
export function sofAccepted(name: string, action: string): string[] {
  return ["user", "patient", "system"].flatMap((c) => [
    `${c}/*.*`,
    `${c}/*.${action}`,
    `${c}/${name}.*`,
    `${c}/${name}.${action}`,
  ]);
}
