import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CreateEndpointForm } from "@/components/webhooks/create-endpoint-form";
import { EndpointsTable } from "@/components/webhooks/endpoints-table";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { findEndpoints } from "@/lib/webhooks/queries";
import { subscribableEvents } from "@/lib/webhooks/rules";
import { createEndpointAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

export default async function AdminWebhooksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser(["admin"], "/admin/webhooks");
  const [endpoints, params] = await Promise.all([findEndpoints(getDb(), "all"), searchParams]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Gateways and other systems hear of grant changes, suspensions and closed reviews as signed HTTP POSTs. Endpoints added here receive every partner's events; partners' own endpoints are listed too."
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
              basePath="/admin/webhooks"
              events={subscribableEvents("admin")}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Endpoints"
            description="Health over the last 24 hours of deliveries."
          />
          <EndpointsTable endpoints={endpoints} basePath="/admin/webhooks" showOwner />
        </Card>
      </div>
    </>
  );
}
