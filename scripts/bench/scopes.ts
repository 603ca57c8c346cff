/**
 * Scope engine benchmark:  npm run bench:scopes
 *
 * Grant sets of 5, 50 and 500 scopes and 2,000 checks per size (scope-corpus.ts: all three
 * contexts, v1 and v2, narrowing, identity and launch scopes, ~15 % invalid strings). Timed apart:
 * - parse + validate (parseScope) over every string of the corpus;
 * - compile: the engine (from scratch, and with the scopes already shared) and the naive set
 *   (scope-baselines.ts); sof-scope-checker has no compile step;
 * - checks, allowed and denied apart: the engine's compiled index, @asymmetrik/sof-scope-checker as
 *   shipped and with `Error.stackTraceLimit = 0` (its best configuration: every denial builds an
 *   Error, and the stack trace is most of its cost; its (name, action) arguments are worked out
 *   before timing), the naive set lookup and the regex ceiling (one precompiled regex match of
 *   the request and nothing else).
 * Where the others answer differently from the engine, the count and the reasons are printed.
 * Every measurement is one task of a round; rounds rotate the task order; medians are printed.
 * The last line is the engine over sof-scope-checker with stack traces off, over all checks.
 */
import { createRequire } from "node:module";
import {
  compileGrants,
  forgetCompiledScopes,
  grantIndexCovers,
  parseScope,
  type GrantIndex,
} from "../../lib/scopes/index";
import { CEILING, compileNaiveSet, naiveSetCovers, sofMistake } from "./scope-baselines";
import { buildCorpus, sofArguments } from "./scope-corpus";

type SofResult = { success: boolean };
type Sof = (name: string, action: string, scopes: string[]) => SofResult;
const sof = createRequire(import.meta.url)("@asymmetrik/sof-scope-checker") as Sof;
/** sof-scope-checker has no check for identity or launch scopes; its own exact match stands in. */
const sofCovers = (name: string | null, action: string, scopes: string[], request: string) =>
  name === null ? scopes.indexOf(request) > -1 : sof(name, action, scopes).success;

const { sets, cases } = buildCorpus();
const SIZES = [5, 50, 500] as const;
const indexes: GrantIndex[] = sets.map((s) => compileGrants(s.scopes));
const naiveSets = sets.map((s) => compileNaiveSet(s.scopes));
const engine = cases.map((c) => grantIndexCovers(indexes[c.set]!, c.request).covered);

/** One group of checks (a size, allowed or denied), in flat arrays so the timed loops only index. */
type Group = {
  size: number;
  allowed: boolean;
  requests: string[];
  index: GrantIndex[];
  naive: Set<string>[];
  sofName: (string | null)[];
  sofAction: string[];
  scopes: string[][];
};
const groups: Group[] = SIZES.flatMap((size) =>
  [true, false].map((allowed) => {
    const g: Group = {
      size,
      allowed,
      requests: [],
      index: [],
      naive: [],
      sofName: [],
      sofAction: [],
      scopes: [],
    };
    cases.forEach((c, i) => {
      if (sets[c.set]!.size !== size || engine[i] !== allowed) return;
      const args = sofArguments(c.request);
      g.requests.push(c.request);
      g.index.push(indexes[c.set]!);
      g.naive.push(naiveSets[c.set]!);
      g.sofName.push(args?.name ?? null);
      g.sofAction.push(args?.action ?? "");
      g.scopes.push(sets[c.set]!.scopes);
    });
    return g;
  }),
);

// Local references, the same for every checker: imported bindings are getter calls under tsx.
const engineCovers = grantIndexCovers;
const naiveCovers = naiveSetCovers;
let sink = 0;
const CHECKERS: Record<string, (g: Group, i: number) => boolean> = {
  engine: (g, i) => engineCovers(g.index[i]!, g.requests[i]!).covered,
  "sof (shipped)": (g, i) =>
    sofCovers(g.sofName[i]!, g.sofAction[i]!, g.scopes[i]!, g.requests[i]!),
  "sof (no stack)": (g, i) =>
    sofCovers(g.sofName[i]!, g.sofAction[i]!, g.scopes[i]!, g.requests[i]!),
  "naive set": (g, i) => naiveCovers(g.naive[i]!, g.requests[i]!),
  "regex ceiling": (g, i) => CEILING.test(g.requests[i]!),
};
const SHIPPED_STACK_LIMIT = Error.stackTraceLimit;

/** Runs `body` over `n` items `reps` times; returns items per second. */
function timed(n: number, reps: number, body: (i: number) => void): number {
  const start = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) for (let i = 0; i < n; i++) body(i);
  return (n * reps * 1e9) / Number(process.hrtime.bigint() - start);
}

type Task = { name: string; n: number; run: (reps: number) => number };
const tasks: Task[] = [];
for (const g of groups)
  for (const [name, check] of Object.entries(CHECKERS))
    tasks.push({
      name: `check ${name} ${g.size} ${g.allowed ? "allowed" : "denied"}`,
      n: g.requests.length,
      run: (reps) => {
        Error.stackTraceLimit = name === "sof (no stack)" ? 0 : SHIPPED_STACK_LIMIT;
        const rate = timed(g.requests.length, reps, (i) => (sink += check(g, i) ? 1 : 0));
        Error.stackTraceLimit = SHIPPED_STACK_LIMIT;
        return rate;
      },
    });
for (const size of SIZES) {
  const of = sets.filter((s) => s.size === size).map((s) => s.scopes);
  const n = of.length * size;
  const compilers: Record<string, (scopes: string[]) => unknown> = {
    "engine, from scratch": (scopes) => (forgetCompiledScopes(), compileGrants(scopes)),
    "engine, scopes shared": compileGrants,
    "naive set": compileNaiveSet,
  };
  for (const [name, compile] of Object.entries(compilers))
    tasks.push({
      name: `compile ${name} ${size}`,
      n,
      run: (reps) => timed(of.length, reps, (i) => (sink += compile(of[i]!) ? 1 : 0)) * size,
    });
}
const strings = [...new Set([...sets.flatMap((s) => s.scopes), ...cases.map((c) => c.request)])];
tasks.push(
  {
    name: "parse",
    n: strings.length,
    run: (reps) =>
      timed(strings.length, reps, (i) => (sink += parseScope(strings[i]!).valid ? 1 : 0)),
  },
  {
    name: "parse regex",
    n: strings.length,
    run: (reps) => timed(strings.length, reps, (i) => (sink += CEILING.test(strings[i]!) ? 1 : 0)),
  },
);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const WARMUP = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const TARGET_MS = 15;
const reps = new Map<string, number>();
const rates = new Map<string, number[]>(tasks.map((t) => [t.name, []]));
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (let k = 0; k < tasks.length; k++) {
    const task = tasks[(round * 7 + k) % tasks.length]!;
    if (!reps.has(task.name)) {
      const rate = task.run(1); // sizes the repetitions so each measurement takes about TARGET_MS
      reps.set(task.name, Math.max(1, Math.ceil((TARGET_MS / 1000) * (rate / task.n))));
    }
    const rate = task.run(reps.get(task.name)!);
    if (round >= WARMUP) rates.get(task.name)!.push(rate);
  }
}

/** Median over rounds of the checks per second over the given groups (time summed per round). */
function checkRate(checker: string, of: Group[]): number {
  const perRound = Array.from({ length: ROUNDS }, (_, round) => {
    let n = 0;
    let seconds = 0;
    for (const g of of) {
      const rate = rates.get(`check ${checker} ${g.size} ${g.allowed ? "allowed" : "denied"}`)!;
      n += g.requests.length;
      seconds += g.requests.length / rate[round]!;
    }
    return n / seconds;
  });
  return median(perRound);
}
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mops = (n: number) => `${(n / 1e6).toFixed(2)} M/s`;
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;

const grants = sets.flatMap((s) => s.scopes).map(parseScope);
const requests = cases.map((c) => parseScope(c.request));
const share = (xs: typeof grants, f: (s: (typeof grants)[number]) => boolean) =>
  pct(xs.filter(f).length, xs.length);
const describe = (xs: typeof grants) =>
  `${share(xs, (s) => !s.valid)} invalid, ${share(xs, (s) => s.kind === "clinical" && s.valid)} clinical ` +
  `(patient ${share(xs, (s) => s.context === "patient")}, user ${share(xs, (s) => s.context === "user")}, system ${share(xs, (s) => s.context === "system")}; ` +
  `v1 ${share(xs, (s) => s.version === "v1")}, v2 ${share(xs, (s) => s.version === "v2")}, narrowed ${share(xs, (s) => s.pairs !== null)}), ` +
  `identity/launch/refresh ${share(xs, (s) => s.valid && s.kind !== "clinical")}`;
console.log(
  `corpus: ${sets.length} grant sets (${SIZES.map((s) => `${sets.filter((x) => x.size === s).length} × ${s}`).join(", ")} scopes), ${fmt(cases.length)} checks (${pct(engine.filter(Boolean).length, cases.length)} allowed)`,
);
console.log(`  grants:   ${describe(grants)}`);
console.log(`  requests: ${describe(requests)}`);
console.log(`\nmedians of ${ROUNDS} interleaved rounds`);
console.log(
  `parse + validate (parseScope): ${mops(median(rates.get("parse")!))}; one regex match of the same strings: ${mops(median(rates.get("parse regex")!))}`,
);
console.log("\ncompile, scopes/s        size 5       size 50      size 500");
for (const name of ["engine, from scratch", "engine, scopes shared", "naive set"])
  console.log(
    `${name.padEnd(22)} ${SIZES.map((s) => mops(median(rates.get(`compile ${name} ${s}`)!)).padStart(12)).join(" ")}`,
  );

console.log(
  `\nchecks/s                 ${SIZES.map((s) => `size ${s}`.padStart(12)).join(" ")}          all   allowed    denied`,
);
const of = (size: number | null, allowed: boolean | null) =>
  groups.filter(
    (g) => (size === null || g.size === size) && (allowed === null || g.allowed === allowed),
  );
for (const name of Object.keys(CHECKERS))
  console.log(
    `${name.padEnd(22)} ${SIZES.map((s) => mops(checkRate(name, of(s, null))).padStart(12)).join(" ")} ${[null, true, false].map((a) => mops(checkRate(name, of(null, a))).padStart(9)).join(" ")}`,
  );
const ratio = (a: string, b: string, size: number | null, allowed: boolean | null) =>
  checkRate(a, of(size, allowed)) / checkRate(b, of(size, allowed));
for (const base of ["sof (no stack)", "sof (shipped)", "naive set", "regex ceiling"])
  console.log(
    `engine ÷ ${base.padEnd(15)} ${SIZES.map((s) => `${ratio("engine", base, s, null).toFixed(2)}×`.padStart(12)).join(" ")} ${[null, true, false].map((a) => `${ratio("engine", base, null, a).toFixed(2)}×`.padStart(9)).join(" ")}`,
  );
const meetsNaive = SIZES.every((s) => ratio("engine", "naive set", s, null) >= 1);
const meetsSof = ratio("engine", "sof (no stack)", null, null) >= 2;
console.log(
  `targets: engine ≥ naive set at every size ${meetsNaive ? "✓" : "✗"}; ≥ 2× sof (no stack) ${meetsSof ? "✓" : "✗"}`,
);

const wrong = (name: string) => {
  const check = CHECKERS[name]!;
  return groups.reduce(
    (n, g) => n + g.requests.filter((_, i) => check(g, i) !== g.allowed).length,
    0,
  );
};
const mistakes = new Map<string, { count: number; example: string }>();
for (const g of groups)
  g.requests.forEach((request, i) => {
    if (CHECKERS["sof (no stack)"]!(g, i) === g.allowed) return;
    const matched = grantIndexCovers(g.index[i]!, request).matchedScope;
    const why = sofMistake(g.scopes[i]!, request, matched);
    const m = mistakes.get(why) ?? {
      count: 0,
      example: `${g.allowed ? "denied" : "allowed"} ${request}`,
    };
    mistakes.set(why, { ...m, count: m.count + 1 });
  });
console.log(
  `\nsof-scope-checker answers differently from the engine on ${fmt(wrong("sof (no stack)"))} of ${fmt(cases.length)} checks:`,
);
for (const [why, m] of [...mistakes].sort((a, b) => b[1].count - a[1].count))
  console.log(`  ${String(m.count).padStart(5)}  ${why} (e.g. ${m.example})`);
console.log(
  `the naive set answers differently on ${fmt(wrong("naive set"))} (it neither reads narrowing nor validates)`,
);
if (sink === -1) console.log("");
console.log(
  `ratio vs sof-scope-checker: ${ratio("engine", "sof (no stack)", null, null).toFixed(2)}`,
);
