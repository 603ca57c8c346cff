/**
 * Scope engine benchmark:  npm run bench:scopes
 *
 * 1. parseScope (full parse + validate) over a varied corpus, no result cache;
 * 2. a bare regex match over the same corpus, for reference;
 * 3. "is this request allowed?" — our compiled grant index against
 *    @asymmetrik/sof-scope-checker on the same v1 grant sets and requests,
 *    after checking both give the same answers.
 *
 * Rounds are interleaved (A B C D, B C D A, ...) after warm-up rounds; medians are reported.
 */
import { createRequire } from "node:module";
import {
  compileGrants,
  grantIndexCovers,
  parseScope,
  SCOPE_TEMPLATES,
} from "../../lib/scopes/index";

type Checker = (name: string, action: string, scopes: string[]) => { success: boolean };
const sofCheck = createRequire(import.meta.url)("@asymmetrik/sof-scope-checker") as Checker;

// ---- corpus ---------------------------------------------------------------
const templateScopes = SCOPE_TEMPLATES.flatMap((t) => [
  ...t.scopes,
  ...t.variants.flatMap((v) => v.scopes),
]);
const vendor = [
  "user/Patient.read",
  "system/Observation.read",
  "patient/Patient.rs",
  "online_access",
  "patient/Observation.read",
  "patient/Condition.read",
  "patient/MedicationRequest.read",
  "patient/AllergyIntolerance.read",
  "user/Encounter.read",
  "user/Observation.crus",
  "patient/Observation.crus",
  "system/Group.read",
  "system/Binary.read",
  "user/DocumentReference.write",
  "patient/*.read",
  "user/*.*",
  "system/*.read",
  "patient/Immunization.rs",
  "patient/DiagnosticReport.rs",
  "user/Practitioner.read",
  "patient/Coverage.read",
  "patient/ExplanationOfBenefit.read",
  "launch",
  "launch/patient",
  "openid",
  "fhirUser",
  "profile",
];
const narrowed = [
  "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
  "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|health-concern",
  "patient/Observation.rs?category=vital-signs",
  "user/Observation.rs?date=ge2020&date=le2021",
  "patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes",
];
const invalid = [
  "patient/observation.rs",
  "Patient/Observation.rs",
  "patient/Observation.sr",
  "patient/Observation.rsXYZ",
  "patient/Observation.read-only",
  "fhiruser",
  "offline-access",
  "patient/Observation.rs?",
  "patient/Observation.read?category=x",
];
const corpus: string[] = [];
for (let i = 0; i < 4; i++) corpus.push(...templateScopes, ...vendor);
corpus.push(...narrowed, ...narrowed);
corpus.push(...invalid, ...invalid, ...invalid);

// ---- shared check corpus (v1 forms, which both libraries understand) --------
const TYPES = [
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
];
const grantSets: { context: string; scopes: string[] }[] = [
  {
    context: "patient",
    scopes: [
      "patient/Patient.read",
      "patient/Observation.read",
      "patient/Condition.read",
      "patient/MedicationRequest.read",
      "patient/Immunization.read",
      "patient/Encounter.read",
      "patient/DocumentReference.read",
      "launch/patient",
      "openid",
      "fhirUser",
      "offline_access",
    ],
  },
  { context: "patient", scopes: ["patient/*.read", "launch/patient", "openid", "fhirUser"] },
  {
    context: "user",
    scopes: [
      "user/Patient.read",
      "user/Encounter.read",
      "user/Condition.read",
      "user/Observation.read",
      "user/DocumentReference.write",
      "launch",
      "openid",
      "fhirUser",
    ],
  },
  { context: "user", scopes: ["user/*.*", "openid", "fhirUser"] },
  {
    context: "system",
    scopes: [
      "system/Patient.read",
      "system/Coverage.read",
      "system/ExplanationOfBenefit.read",
      "system/Condition.read",
      "system/MedicationRequest.read",
      "system/Encounter.read",
    ],
  },
  {
    context: "system",
    scopes: ["system/Observation.*", "system/Encounter.write", "system/Patient.read"],
  },
];
interface Case {
  set: number;
  name: string;
  action: string;
  scope: string;
}
const cases: Case[] = [];
grantSets.forEach((g, set) => {
  for (const name of TYPES)
    for (const action of ["read", "write"])
      cases.push({ set, name, action, scope: `${g.context}/${name}.${action}` });
});
const indexes = grantSets.map((g) => compileGrants(g.scopes));

// ---- timing ------------------------------------------------------------------
let sink = 0;

function time(fn: () => void, ops: number): number {
  const start = process.hrtime.bigint();
  fn();
  const ns = Number(process.hrtime.bigint() - start);
  return (ops * 1e9) / ns;
}

const REPEAT = 200;
const REGEX = /^(patient|user|system)\/([A-Za-z]+|\*)\.(c?r?u?d?s?|read|write|\*)(\?.*)?$/;

const benches: Record<string, () => number> = {
  parse: () =>
    time(() => {
      for (let r = 0; r < REPEAT; r++)
        for (let i = 0; i < corpus.length; i++) sink += parseScope(corpus[i]!).valid ? 1 : 0;
    }, REPEAT * corpus.length),
  regex: () =>
    time(() => {
      for (let r = 0; r < REPEAT; r++)
        for (let i = 0; i < corpus.length; i++) sink += REGEX.test(corpus[i]!) ? 1 : 0;
    }, REPEAT * corpus.length),
  ours: () =>
    time(() => {
      for (let r = 0; r < REPEAT; r++)
        for (let i = 0; i < cases.length; i++)
          sink += grantIndexCovers(indexes[cases[i]!.set]!, cases[i]!.scope).covered ? 1 : 0;
    }, REPEAT * cases.length),
  theirs: () =>
    time(() => {
      for (let r = 0; r < REPEAT; r++) {
        for (let i = 0; i < cases.length; i++) {
          const c = cases[i]!;
          sink += sofCheck(c.name, c.action, grantSets[c.set]!.scopes).success ? 1 : 0;
        }
      }
    }, REPEAT * cases.length),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function main(): void {
  const invalidCount = corpus.filter((s) => !parseScope(s).valid).length;
  console.log(
    `corpus: ${corpus.length} scopes (${invalidCount} invalid, ${((100 * invalidCount) / corpus.length).toFixed(1)}%); shared check: ${cases.length} requests over ${grantSets.length} v1 grant sets`,
  );
  let agree = 0;
  for (const c of cases)
    if (
      grantIndexCovers(indexes[c.set]!, c.scope).covered ===
      sofCheck(c.name, c.action, grantSets[c.set]!.scopes).success
    )
      agree++;
  console.log(`agreement with sof-scope-checker: ${agree}/${cases.length}`);
  if (agree !== cases.length) {
    console.error("the two checkers disagree; not timing");
    process.exitCode = 1;
    return;
  }
  const names = Object.keys(benches);
  const results: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const WARMUP = 3;
  const ROUNDS = 15;
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      const opsPerSec = benches[name]!();
      if (round >= WARMUP) results[name]!.push(opsPerSec);
    }
  }
  const m = Object.fromEntries(names.map((n) => [n, median(results[n]!)])) as Record<
    string,
    number
  >;
  console.log(`parseScope (full parse + validate): ${fmt(m.parse!)} ops/s (median of ${ROUNDS})`);
  console.log(`bare regex match (reference):       ${fmt(m.regex!)} ops/s`);
  console.log(`allowed? ours (compiled grant index): ${fmt(m.ours!)} ops/s`);
  console.log(`allowed? @asymmetrik/sof-scope-checker: ${fmt(m.theirs!)} ops/s`);
  if (sink === -1) console.log("");
  console.log(`ratio vs sof-scope-checker: ${(m.ours! / m.theirs!).toFixed(2)}`);
}

main();
