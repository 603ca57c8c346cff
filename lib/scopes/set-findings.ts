/** Set-level findings: empty set, duplicates, v1/v2 equivalents, scopes made redundant by others. */
import { meaningKey } from "./canonical";
import { covers, grantApplies } from "./covers";
import { compileGrants, grantIndexCovers } from "./grant-index";
import { quote } from "./suggest";
import type { Finding, ParsedScope } from "./types";

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

export function setFindings(scopes: readonly ParsedScope[]): Finding[] {
  const findings: Finding[] = [];
  if (scopes.length === 0) {
    findings.push({
      rule: "empty-set",
      severity: "error",
      message: "No scopes were given: request at least one scope.",
      scopes: [],
    });
    return findings;
  }
  // Group by meaning: identical inputs are duplicates, different inputs are equivalents.
  const groups = new Map<string, ParsedScope[]>();
  for (const scope of scopes) {
    const key = meaningKey(scope);
    const group = groups.get(key);
    if (group) group.push(scope);
    else groups.set(key, [scope]);
  }
  const unique: ParsedScope[] = [];
  for (const group of groups.values()) {
    unique.push(group[0]!);
    if (group.length < 2) continue;
    const inputs = [...new Set(group.map((s) => s.input))];
    if (inputs.length === 1) {
      findings.push({
        rule: "duplicate-scope",
        severity: "warning",
        message: `${quote(inputs[0]!)} is listed ${group.length} times: keep one.`,
        scopes: inputs,
      });
    } else {
      findings.push({
        rule: "equivalent-scopes",
        severity: "warning",
        message: `${inputs.map((i) => quote(i)).join(", ")} mean the same thing: keep only ${quote(group[0]!.normalized!)}.`,
        scopes: inputs,
      });
    }
  }
  findings.push(...redundancyFindings(unique));
  return findings;
}

/**
 * A scope is redundant when the rest of the set already covers it. Narrower
 * scopes are checked first and dropped as found, so of `.r`, `.s`, `.rs`
 * only the first two are reported and `.rs` is kept.
 */
function redundancyFindings(unique: readonly ParsedScope[]): Finding[] {
  const candidates = unique.filter((s) => s.valid && s.kind === "clinical");
  const order = [...candidates].sort(
    (a, b) =>
      popcount(a.mask) - popcount(b.mask) ||
      (b.pairs?.length ?? 0) - (a.pairs?.length ?? 0) ||
      Number(a.resourceType === "*") - Number(b.resourceType === "*"),
  );
  const kept = new Set(candidates);
  const findings: Finding[] = [];
  for (const scope of order) {
    const others = [...kept].filter((s) => s !== scope);
    const hit = grantIndexCovers(compileGrants(others), scope);
    if (!hit.covered) continue;
    kept.delete(scope);
    const single = hit.matchedScope !== null && covers([hit.matchedScope], scope);
    const by = single
      ? [hit.matchedScope!]
      : others
          .filter((g) => grantApplies(g, scope) && (g.mask & scope.mask) !== 0)
          .map((g) => g.input);
    findings.push({
      rule: "redundant-scope",
      severity: "warning",
      message: `${quote(scope.input)} is already covered by ${by.map((i) => quote(i)).join(" + ")}: remove it.`,
      scopes: [scope.input, ...by],
    });
  }
  return findings;
}
