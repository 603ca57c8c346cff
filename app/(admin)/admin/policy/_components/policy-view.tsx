import { PolicyBadge } from "@/components/scopes/policy-badge";
import { Badge } from "@/components/ui/badge";
import { describeMatch, outcomeLabel, type PolicyDiff } from "@/lib/approvals/policy-rules";
import type { Policy, PolicyRule } from "@/lib/policy";

function RuleLine({ rule, index }: { rule: PolicyRule; index?: number }) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        {index !== undefined ? (
          <span className="text-sm font-semibold text-slate-500">{index + 1}.</span>
        ) : null}
        <code className="font-mono text-sm text-slate-900">{rule.id}</code>
        <PolicyBadge outcome={rule.outcome} />
      </div>
      <p className="text-sm text-slate-700">{rule.description}</p>
      <p className="text-xs text-slate-500">When: {describeMatch(rule.match)}</p>
    </div>
  );
}

/** A policy document, read-only, in the order its rules are checked. */
export function PolicyView({ policy }: { policy: Policy }) {
  return (
    <div className="space-y-3">
      <ol className="divide-y divide-slate-100" aria-label="Rules, first match wins">
        {policy.rules.map((rule, i) => (
          <li key={rule.id} className="py-3">
            <RuleLine rule={rule} index={i} />
          </li>
        ))}
      </ol>
      <p className="text-sm text-slate-700">
        When no rule matches: <PolicyBadge outcome={policy.fallback} />
      </p>
    </div>
  );
}

function Section({
  title,
  tone,
  children,
}: {
  title: string;
  tone: "green" | "red" | "amber" | "blue";
  children: React.ReactNode;
}) {
  return (
    <section className="space-y-2">
      <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <Badge tone={tone}>{title}</Badge>
      </h3>
      <div className="space-y-3 pl-1">{children}</div>
    </section>
  );
}

/** What changed from one version to another, rule by rule. */
export function PolicyDiffView({ diff, from, to }: { diff: PolicyDiff; from: string; to: string }) {
  if (diff.isSame)
    return (
      <p className="text-sm text-slate-600">
        {to} decides exactly like {from}.
      </p>
    );
  return (
    <div className="space-y-5">
      {diff.added.length ? (
        <Section title={`Added in ${to}`} tone="green">
          {diff.added.map((r) => (
            <RuleLine key={r.id} rule={r} />
          ))}
        </Section>
      ) : null}
      {diff.removed.length ? (
        <Section title={`Removed in ${to}`} tone="red">
          {diff.removed.map((r) => (
            <RuleLine key={r.id} rule={r} />
          ))}
        </Section>
      ) : null}
      {diff.changed.length ? (
        <Section title="Changed" tone="amber">
          {diff.changed.map((c) => (
            <div key={c.id} className="space-y-1 text-sm">
              <code className="font-mono text-slate-900">{c.id}</code>
              <ul className="list-disc space-y-0.5 pl-5 text-slate-700">
                {c.fields.includes("outcome") ? (
                  <li>
                    Outcome: {outcomeLabel[c.before.outcome]} → {outcomeLabel[c.after.outcome]}
                  </li>
                ) : null}
                {c.fields.includes("description") ? (
                  <li>
                    Description: “{c.before.description}” → “{c.after.description}”
                  </li>
                ) : null}
                {c.fields.includes("conditions") ? (
                  <li>
                    When: {describeMatch(c.before.match)} → {describeMatch(c.after.match)}
                  </li>
                ) : null}
              </ul>
            </div>
          ))}
        </Section>
      ) : null}
      {diff.moved.length ? (
        <Section title="Moved" tone="blue">
          <p className="text-sm text-slate-700">
            Checked in a different order:{" "}
            {diff.moved.map((id) => (
              <code key={id} className="mr-2 font-mono">
                {id}
              </code>
            ))}
          </p>
        </Section>
      ) : null}
      {diff.fallback ? (
        <p className="text-sm text-slate-700">
          Fallback: {outcomeLabel[diff.fallback.before]} → {outcomeLabel[diff.fallback.after]}
        </p>
      ) : null}
    </div>
  );
}
