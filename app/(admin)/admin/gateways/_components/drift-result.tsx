import { Badge } from "@/components/ui/badge";
import { SimpleTable, Td } from "@/components/ui/table";
import type { DriftReport } from "@/lib/enforcement/export";

const ScopeList = ({ scopes, tone }: { scopes: string[]; tone: "red" | "amber" }) =>
  scopes.length === 0 ? (
    <span className="text-slate-400">none</span>
  ) : (
    <ul className="flex flex-wrap gap-1">
      {scopes.map((s) => (
        <li key={s}>
          <Badge tone={tone} className="font-mono">
            {s}
          </Badge>
        </li>
      ))}
    </ul>
  );

/** Per client: what the authorization server allows beyond the approvals, and what it lacks. */
export function DriftResult({ report }: { report: DriftReport }) {
  return (
    <div className="space-y-4" aria-label="Drift result" role="region">
      <p className="text-sm text-slate-600">
        Read as {report.format === "keycloak" ? "a Keycloak configuration" : "the generic format"}.{" "}
        {report.inSyncCount} client(s) match what is approved here.
      </p>
      {report.clients.length > 0 ? (
        <SimpleTable
          caption="Clients that drift"
          head={["Client", "Allowed upstream, never approved", "Approved, missing upstream"]}
        >
          {report.clients.map((c) => (
            <tr key={c.clientId}>
              <Td>
                <div className="font-medium text-slate-900">{c.appName}</div>
                <div className="font-mono text-xs text-slate-500">{c.clientId}</div>
                {c.appStatus === "suspended" ? <Badge tone="amber">suspended here</Badge> : null}
                {c.ignored.length ? (
                  <div className="mt-1 text-xs text-slate-500">
                    Ignored server scopes: {c.ignored.join(", ")}
                  </div>
                ) : null}
              </Td>
              <Td>
                <ScopeList scopes={c.unapproved} tone="red" />
              </Td>
              <Td>
                <ScopeList scopes={c.missing} tone="amber" />
              </Td>
            </tr>
          ))}
        </SimpleTable>
      ) : (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          No listed client allows more or less than is approved here.
        </p>
      )}
      {report.unknownClients.length > 0 ? (
        <div className="text-sm">
          <h3 className="font-semibold text-slate-900">
            Clients no app here has ({report.unknownClients.length})
          </h3>
          <p className="font-mono text-xs text-slate-700">{report.unknownClients.join(", ")}</p>
        </div>
      ) : null}
      {report.absentUpstream.length > 0 ? (
        <div className="text-sm">
          <h3 className="font-semibold text-slate-900">
            Apps with live grants the file does not list ({report.absentUpstream.length})
          </h3>
          <ul className="list-inside list-disc text-slate-700">
            {report.absentUpstream.map((c) => (
              <li key={c.clientId}>
                {c.appName} <span className="font-mono text-xs">{c.clientId}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
