// bench:queue's arithmetic and how it reads a query plan.

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
export const fmt = (ms: number, width = 11) => ms.toFixed(1).padStart(width);

type PlanNode = { "Node Type": string; "Index Name"?: string; Plans?: PlanNode[] };

/** The indexes a plan walks, in order, and whether it sorts rows (and how). */
export function planSummary(explain: Record<string, unknown>[]): string {
  const raw = explain[0] ? Object.values(explain[0])[0] : null;
  const json = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const indexes: string[] = [];
  const sorts = new Set<string>();
  let seqScans = 0;
  const visit = (node: PlanNode) => {
    if (node["Index Name"]) indexes.push(node["Index Name"]);
    if (node["Node Type"].endsWith("Sort")) sorts.add(node["Node Type"].toLowerCase());
    if (node["Node Type"] === "Seq Scan") seqScans++;
    node.Plans?.forEach(visit);
  };
  visit(json[0]!.Plan);
  return [
    indexes.join(" → ") || "no index",
    seqScans ? `${seqScans} seq scan(s)` : null,
    sorts.size ? [...sorts].join(", ") : "no sort",
  ]
    .filter(Boolean)
    .join("; ");
}
