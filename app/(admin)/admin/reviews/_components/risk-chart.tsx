"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { RISK_LEVELS_BY_SEVERITY, RISK_UI } from "@/components/scopes/risk";
import type { RiskPoint } from "@/lib/reviews/dashboard";

const SERIES = RISK_LEVELS_BY_SEVERITY.map((key) => ({ key, ...RISK_UI[key] }));
const MAX_LABEL = 24;
/** Campaign names are long ("Quarterly access review — 2026-Q3"): the tooltip has the whole name. */
const shortLabel = (name: string) =>
  name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1).trimEnd()}…` : name;

/** Live grants by risk at each closed campaign, oldest first: is the portal granting less over time? */
export function RiskChart({ data }: { data: RiskPoint[] }) {
  const summary = data
    .map(
      (d) => `${d.name}: ${SERIES.map((s) => `${d[s.key]} ${s.label.toLowerCase()}`).join(", ")}`,
    )
    .join("; ");
  return (
    <figure aria-label="Live grants by risk per closed campaign" className="space-y-2">
      <div className="h-80 w-full" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} maxBarSize={72} margin={{ top: 8, right: 16, bottom: 8, left: 24 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            {/* Every label shown (interval 0), slanted so eight campaigns' names fit side by side. */}
            <XAxis
              dataKey="name"
              interval={0}
              angle={-30}
              textAnchor="end"
              height={84}
              tick={{ fontSize: 11 }}
              tickFormatter={shortLabel}
            />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend itemSorter={null} />
            {SERIES.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId="risk"
                fill={s.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-500">
        Grants reviewed in each closed campaign, by risk, oldest first.
      </figcaption>
    </figure>
  );
}
