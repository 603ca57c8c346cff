/** What changed between two scope sets, by meaning (`patient/X.read` → `patient/X.rs` is no change). */
import { meaningKey, toParsedList, type ScopeListInput } from "./canonical";

export interface ScopeDiff {
  /** Inputs from `after` whose meaning is not in `before`. */
  added: string[];
  /** Inputs from `before` whose meaning is not in `after`. */
  removed: string[];
  /** Inputs from `after` whose meaning was already in `before`. */
  unchanged: string[];
}

export function diffScopes(before: ScopeListInput, after: ScopeListInput): ScopeDiff {
  const beforeList = toParsedList(before);
  const afterList = toParsedList(after);
  const beforeKeys = new Set(beforeList.map(meaningKey));
  const afterKeys = new Set(afterList.map(meaningKey));
  const added: string[] = [];
  const unchanged: string[] = [];
  const seen = new Set<string>();
  for (const scope of afterList) {
    const key = meaningKey(scope);
    if (seen.has(key)) continue;
    seen.add(key);
    (beforeKeys.has(key) ? unchanged : added).push(scope.input);
  }
  const removed: string[] = [];
  seen.clear();
  for (const scope of beforeList) {
    const key = meaningKey(scope);
    if (seen.has(key) || afterKeys.has(key)) continue;
    seen.add(key);
    removed.push(scope.input);
  }
  return { added, removed, unchanged };
}
