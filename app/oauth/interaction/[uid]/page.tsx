// GET <issuer>/interaction/<uid>: the step an authorization is waiting for. The front server
// serves this page only to the browser holding the interaction's cookie; the forms post back to
// the authorization server (lib/authserver/interactions.ts).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, CardBody } from "@/components/ui/card";
import { findInteractionView } from "@/lib/authserver/interaction-view";
import { EMBEDDED_ISSUER_PATH } from "@/lib/authserver/settings";
import { getDb } from "@/lib/db";
import { ConsentStep } from "./_components/consent-step";
import { SignInStep } from "./_components/sign-in-step";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false } };

const MESSAGES: Record<string, string> = {
  credentials: "The username or password is not right.",
  missing: "Enter your username and password.",
  throttled: "Too many failed attempts. Wait a few minutes, then try again.",
  patient: "Choose whose records the app may open.",
};

export default async function InteractionPage({
  params,
  searchParams,
}: {
  params: Promise<{ uid: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ uid }, query] = await Promise.all([params, searchParams]);
  const view = await findInteractionView(getDb(), uid);
  if (!view) notFound();
  const error = typeof query.error === "string" ? (MESSAGES[query.error] ?? null) : null;
  const action = (step: string) => `${EMBEDDED_ISSUER_PATH}/interaction/${uid}/${step}`;
  return (
    <Card>
      <CardBody className="space-y-6 py-8">
        {view.prompt === "login" ? (
          <SignInStep
            appName={view.app.name}
            error={error}
            username={typeof query.username === "string" ? query.username : ""}
            action={action("login")}
            cancelAction={action("abort")}
          />
        ) : (
          <ConsentStep
            view={view}
            error={error}
            action={action("consent")}
            denyAction={action("abort")}
          />
        )}
      </CardBody>
    </Card>
  );
}
