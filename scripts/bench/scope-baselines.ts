// The reference checkers bench:scopes times the engine against, besides sof-scope-checker:
// - a naive set lookup: each grant expanded to "context/Type.letter" strings in a Set, a check
//   splits the request with a regex and looks up each letter (on the type, then on `*`);
// - a regex ceiling: one precompiled regular expression matched against the request and no look-up
//   at all — what merely reading the string costs, which no checker can undercut by much.
// The naive set neither reads narrowing nor validates; the bench counts where it is wrong.
import { parseScope } from "../../lib/scopes/index";
import { sofAccepted, sofArguments } from "./scope-corpus";

const SHAPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z]+|\*)(\?.*)?$/;
/** The regex ceiling: the SMART clinical scope shape, or a non-clinical scope word. */
export const CEILING =
  /^(?:(?:patient|user|system)\/(?:[A-Z][A-Za-z]+|\*)\.(?:c?r?u?d?s?|read|write|\*)(?:\?.+)?|[a-zA-Z_]+(?:\/[a-z]+)?)$/;
const V1: Readonly<Record<string, string>> = { read: "rs", write: "cud", "*": "cruds" };

export function compileNaiveSet(grants: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const grant of grants) {
    const m = SHAPE.exec(grant);
    if (!m || m[4]) {
      set.add(grant); // non-clinical and narrowed grants: kept as they are, matched exactly
      continue;
    }
    for (const letter of V1[m[3]!] ?? m[3]!) set.add(`${m[1]}/${m[2]}.${letter}`);
  }
  return set;
}

export function naiveSetCovers(set: Set<string>, request: string): boolean {
  if (set.has(request)) return true;
  const m = SHAPE.exec(request);
  if (!m) return false;
  for (const letter of V1[m[3]!] ?? m[3]!)
    if (!set.has(`${m[1]}/${m[2]}.${letter}`) && !set.has(`${m[1]}/*.${letter}`)) return false;
  return true;
}

/**
 * Why sof-scope-checker's answer differs from the engine's (`matched`: the grant the engine
 * allowed with, or null when it denied), for the report.
 */
export function sofMistake(grants: readonly string[], request: string, matched: string | null) {
  const req = parseScope(request);
  if (matched === null) {
    if (!req.valid) return "allows a request that is not a valid scope";
    const args = sofArguments(request);
    const accepted = new Set(args ? sofAccepted(args.name, args.action) : [request]);
    const used = grants.filter((g) => accepted.has(g)).map(parseScope);
    if (used.length > 0 && used.every((g) => !g.valid)) return "honours a grant that is invalid";
    if (used.every((g) => g.context !== req.context))
      return "ignores the context: a patient/, user/ or system/ grant allows the others";
    return "other";
  }
  if (parseScope(matched).version === "v2") return "does not read SMART v2 permission letters";
  if (req.mask & 18 && req.mask & 13)
    return "needs one grant to hold every letter asked for (no union of read and write)";
  return "other";
}
