import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ConfirmAction } from "@/components/form/confirm-action";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { findApiKeys } from "@/lib/enforcement/queries";
import { formatDateTime } from "@/lib/format";
import { findProvisioningDrift } from "@/lib/provisioning/status";
import { revokeApiKeyAction } from "./actions";
import { CreateKeyForm } from "./_components/create-key-form";
import { DriftForm } from "./_components/drift-form";

export const metadata: Metadata = { title: "Gateways" };

export default async function GatewaysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser(["admin"], "/admin/gateways");
  const raw = (await searchParams).page;
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .catch(1)
    .parse(Array.isArray(raw) ? raw[0] : (raw ?? 1));
  const keys = await findApiKeys(getDb(), { page, perPage: 25 });
  const drift = await findProvisioningDrift(getDb());
  return (
    <>
      <PageHeader
        title="Gateways"
        description="API keys let gateways and authorization servers ask for decisions and grants. They reach only the enforcement API."
        actions={
          <ButtonLink href="/docs/api" variant="secondary">
            API reference
          </ButtonLink>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Create an API key"
            description="The key is shown once; the portal keeps only a hash of it."
          />
          <CardBody>
            <CreateKeyForm />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="API keys" description={`${keys.total} key(s)`} />
          {keys.total === 0 ? (
            <CardBody>
              <EmptyState
                title="No API keys yet"
                description="Create a key for each gateway or authorization server that asks the portal for decisions."
              />
            </CardBody>
          ) : (
            <>
              <SimpleTable
                caption="Gateway API keys"
                head={[
                  "Name",
                  "Prefix",
                  "Created",
                  "Last used",
                  "Status",
                  <span key="a" className="sr-only">
                    Actions
                  </span>,
                ]}
              >
                {keys.rows.map((k) => (
                  <tr key={k.id}>
                    <Td className="font-medium text-slate-900">{k.name}</Td>
                    <Td className="font-mono text-xs">swk_{k.prefix}_…</Td>
                    <Td>
                      {formatDateTime(k.createdAt)}
                      <div className="text-xs text-slate-500">
                        {k.createdBy ? `by ${k.createdBy}` : "by a script"}
                      </div>
                    </Td>
                    <Td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"}</Td>
                    <Td>
                      {k.revokedAt ? (
                        <Badge tone="red">Revoked {formatDateTime(k.revokedAt)}</Badge>
                      ) : (
                        <Badge tone="green">Active</Badge>
                      )}
                    </Td>
                    <Td>
                      {k.revokedAt ? null : (
                        <ConfirmAction
                          label="Revoke"
                          ariaLabel={`Revoke ${k.name}`}
                          question={`Revoke ${k.name}? Gateways using it stop working.`}
                          confirmLabel="Yes, revoke"
                          action={revokeApiKeyAction}
                          input={{ id: k.id }}
                        />
                      )}
                    </Td>
                  </tr>
                ))}
              </SimpleTable>
              {keys.pageCount > 1 ? (
                <nav
                  aria-label="Pagination"
                  className="flex items-center justify-between px-5 py-3 text-sm text-slate-600"
                >
                  <span>
                    Page {keys.page} of {keys.pageCount}
                  </span>
                  <span className="flex gap-2">
                    {keys.page > 1 ? (
                      <Link
                        className={buttonClass("secondary", "sm")}
                        href={`?page=${keys.page - 1}`}
                      >
                        Previous
                      </Link>
                    ) : null}
                    {keys.page < keys.pageCount ? (
                      <Link
                        className={buttonClass("secondary", "sm")}
                        href={`?page=${keys.page + 1}`}
                      >
                        Next
                      </Link>
                    ) : null}
                  </span>
                </nav>
              ) : null}
            </>
          )}
        </Card>
        <Card>
          <CardHeader
            title="Export approved scopes"
            description="Every client's live approved scopes, in canonical SMART v2 form, to load into an authorization server. Suspended apps export no scopes."
          />
          <CardBody className="flex flex-wrap gap-3">
            <a
              className={buttonClass("secondary")}
              href="/admin/gateways/export?format=generic"
              download
            >
              Download generic JSON
            </a>
            <a
              className={buttonClass("secondary")}
              href="/admin/gateways/export?format=keycloak"
              download
            >
              Download Keycloak client scopes
            </a>
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Drift at the authorization server"
            description="Every registration is read back from the authorization server every 15 minutes. Listed here: apps whose registration allows scopes that were never approved. Open an app to restore its approved set."
          />
          {drift.length === 0 ? (
            <CardBody>
              <p className="text-sm text-slate-600">
                No drift: every registration read back holds only approved scopes.
              </p>
            </CardBody>
          ) : (
            <SimpleTable
              caption="Registrations with scopes never approved"
              head={["App", "Scopes never approved", "Read back"]}
            >
              {drift.map((d) => (
                <tr key={d.appId}>
                  <Td>
                    <Link
                      className="text-brand-700 hover:underline"
                      href={`/admin/apps/${d.appId}`}
                    >
                      {d.name}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{d.clientId}</div>
                  </Td>
                  <Td className="font-mono text-xs">{d.driftScopes.join(" ")}</Td>
                  <Td>{formatDateTime(d.driftCheckedAt)}</Td>
                </tr>
              ))}
            </SimpleTable>
          )}
        </Card>
        <Card>
          <CardHeader
            title="Check drift"
            description="Upload an authorization server's current client configuration to see, per client, scopes it allows that were never approved, and approved scopes it lacks."
          />
          <CardBody>
            <DriftForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
