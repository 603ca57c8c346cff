import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CreateEndpointForm } from "@/components/webhooks/create-endpoint-form";
import { EndpointsTable } from "@/components/webhooks/endpoints-table";
import { requirePageUser } from "@/lib/auth/current-user";
import { findAppOptions } from "@/lib/apps/queries";
import { getDb } from "@/lib/db";
import { findEndpoints } from "@/lib/webhooks/queries";
import { subscribableEvents } from "@/lib/webhooks/rules";
import { createEndpointAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

export default async function PartnerWebhooksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser(["partner"], "/organisation/webhooks");
  const organizationId = user.organizationId!;
  const db = getDb();
  const [endpoints, apps, params] = await Promise.all([
    findEndpoints(db, { organizationId }),
    findAppOptions(db, organizationId),
    searchParams,
  ]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Your systems hear at once when one of your apps' scopes is granted, denied or revoked, or an app is suspended: a signed HTTP POST to each endpoint you add."
        actions={
          <ButtonLink href="/docs/api" variant="secondary">
            API docs
          </ButtonLink>
        }
      />
      {params.deleted ? (
        <p
          role="status"
          className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"
        >
          The endpoint was deleted.
        </p>
      ) : null}
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Add an endpoint"
            description="The signing secret is generated for you and shown once."
          />
          <CardBody>
            <CreateEndpointForm
              action={createEndpointAction}
              basePath="/organisation/webhooks"
              apps={apps}
              events={subscribableEvents("partner")}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Your endpoints"
            description="Health over the last 24 hours of deliveries."
          />
          <EndpointsTable
            endpoints={endpoints}
            basePath="/organisation/webhooks"
            showOwner={false}
          />
        </Card>
      </div>
    </>
  );
}
