// Demo data: partner organisations with apps in varied states, two admins and a reviewer, and the
// authorization server's demo patient and clinician. Apps and decisions go through the same domain
// functions as the portal, so the demo has real history, audit events and policy versions. Loaded
// automatically only into the embedded database on its first run (or when asked).
import type { z } from "zod";
import type { ZAppDetails } from "../lib/apps/schemas";
import { registerApp } from "../lib/apps/service";
import { decideRequest } from "../lib/approvals/decide";
import { revokeGrant } from "../lib/approvals/revoke";
import { setAppStatus } from "../lib/approvals/suspend";
import type { Db } from "../lib/database/client";
import { closeCampaignInTx } from "../lib/reviews/close";
import { decideReviewItem } from "../lib/reviews/decide";
import { openCampaignInTx } from "../lib/reviews/open";
import { nextRunAfter, periodKey, periodStart } from "../lib/reviews/rules";
import { getTemplate } from "../lib/scopes";
import type { Actor } from "../lib/actor";
import { DEMO_BACKEND_KEY_FILE, seedDemoBackend } from "./demo-backend";
import { DEMO_END_USERS, seedDemoEndUsers } from "./demo-end-users";
import { createOrganization, createUser } from "./factories";

export const DEMO_PASSWORD = "Scopewarden-Demo-2026";
export const DEMO_USERS = {
  admin: { email: "admin@scopewarden.test", name: "Avery Admin", role: "admin" },
  admin2: { email: "admin2@scopewarden.test", name: "Blake Second-Admin", role: "admin" },
  reviewer: { email: "reviewer@scopewarden.test", name: "Riley Reviewer", role: "reviewer" },
  brightpath: {
    email: "dev@brightpath.test",
    name: "Priya Patel",
    role: "partner",
    org: "BrightPath Health Apps",
  },
  payerlink: {
    email: "dev@payerlink.test",
    name: "Marcus Lee",
    role: "partner",
    org: "PayerLink Exchange",
  },
  vitalsync: {
    email: "dev@vitalsync.test",
    name: "Sofia Alvarez",
    role: "partner",
    org: "VitalSync Wellness",
  },
} as const;

export async function hasDemoData(db: Db): Promise<boolean> {
  return (await db.user.count({ where: { email: DEMO_USERS.admin.email } })) > 0;
}

const template = (key: string) => getTemplate(key)!.scopes.join(" ");
const web = (slug: string) => ({
  redirectUris: `https://${slug}.example.com/callback`,
  homepageUrl: `https://${slug}.example.com`,
  privacyPolicyUrl: `https://${slug}.example.com/privacy`,
});
const backend = (slug: string) => ({
  appType: "backend" as const,
  clientType: "backend" as const,
  launchModes: [],
  jwksUrl: `https://${slug}.example.com/.well-known/jwks.json`,
});

export async function seedDemoData(
  db: Db,
  { demoBackendKeyFile = DEMO_BACKEND_KEY_FILE }: { demoBackendKeyFile?: string } = {},
): Promise<void> {
  const people = {} as Record<keyof typeof DEMO_USERS, Actor>;
  for (const [key, person] of Object.entries(DEMO_USERS) as [
    keyof typeof DEMO_USERS,
    (typeof DEMO_USERS)[keyof typeof DEMO_USERS],
  ][]) {
    const organizationId =
      "org" in person ? (await createOrganization(db, { name: person.org })).id : null;
    people[key] = (await createUser(db, {
      role: person.role,
      email: person.email,
      name: person.name,
      organizationId,
      password: DEMO_PASSWORD,
    })) as Actor;
  }
  const { admin, admin2 } = people;
  const register = async (
    owner: Actor,
    details: z.input<typeof ZAppDetails>,
    scopes: string,
    extra: { templateKey?: string; justification?: string } = {},
  ) => {
    const { appId } = await registerApp(db, owner, { details, scopes, ...extra });
    const rows = await db.appScope.findMany({
      where: { appId },
      select: { id: true, scope: true },
    });
    return { appId, id: (scope: string) => rows.find((r) => r.scope === scope)!.id };
  };

  // BrightPath: a patient record app with one write waiting, and a clinician tool with history.
  await register(
    people.brightpath,
    {
      name: "BrightPath My Health",
      description: "Lets patients see their record and log home readings.",
      appType: "patient",
      clientType: "public",
      launchModes: ["standalone"],
      ...web("myhealth"),
    },
    `${template("patient-health-record").replace("offline_access", "online_access")} patient/Observation.c`,
    {
      templateKey: "patient-health-record",
      justification: "Patients record home blood-pressure readings.",
    },
  );
  const clinician = await register(
    people.brightpath,
    {
      name: "BrightPath Clinician View",
      description: "Summaries for clinicians, launched from the EHR.",
      appType: "provider",
      clientType: "confidential",
      launchModes: ["ehr"],
      launchUrl: "https://clinician.example.com/launch",
      ...web("clinician"),
    },
    template("provider-clinical"),
    {
      templateKey: "provider-clinical",
      justification: "Clinicians file visit summaries as documents.",
    },
  );
  await decideRequest(db, admin, {
    kind: "approve",
    appScopeId: clinician.id("user/DocumentReference.c"),
    reason: "Summaries are filed as documents.",
  });
  await revokeGrant(db, admin, {
    appScopeId: clinician.id("user/Encounter.rs"),
    reason: "Usage review: the app never reads encounters.",
  });

  // PayerLink: payer-to-payer partly decided, prior authorisation waiting for a second admin, bulk export waiting.
  const p2p = await register(
    people.payerlink,
    {
      name: "PayerLink Payer-to-Payer",
      description: "Exchanges member history with other payers (CMS-0057-F).",
      ...backend("p2p"),
    },
    template("payer-to-payer"),
    {
      templateKey: "payer-to-payer",
      justification: "Required for CMS-0057-F payer-to-payer exchange of members who opt in.",
    },
  );
  for (const scope of [
    "system/Patient.rs",
    "system/Coverage.rs",
    "system/ExplanationOfBenefit.rs",
  ]) {
    await decideRequest(db, admin, { kind: "approve", appScopeId: p2p.id(scope) });
  }
  await decideRequest(db, admin, {
    kind: "deny",
    appScopeId: p2p.id("system/MedicationRequest.rs"),
    reason: "Medication requests are outside the payer-to-payer data set we share.",
  });
  const priorAuth = await register(
    people.payerlink,
    {
      name: "PayerLink Prior Auth",
      description: "Prior authorization requests and decisions (CMS-0057-F).",
      ...backend("priorauth"),
    },
    template("prior-authorization"),
    {
      templateKey: "prior-authorization",
      justification: "Creates and updates prior-authorization tasks for providers.",
    },
  );
  await decideRequest(db, admin, {
    kind: "approve",
    appScopeId: priorAuth.id("system/Task.cu"),
    reason: "Looks right for prior auth.",
  });
  await decideRequest(db, admin2, {
    kind: "approve",
    appScopeId: priorAuth.id("system/ClaimResponse.rs"),
  });
  await register(
    people.payerlink,
    {
      name: "PayerLink Bulk Export",
      description: "Nightly bulk export for provider access.",
      ...backend("bulk"),
    },
    template("bulk-export"),
    {
      templateKey: "bulk-export",
      justification: "Provider access API: nightly $export of attributed members.",
    },
  );

  // VitalSync: a narrowed wellness app, and a suspended legacy one.
  await register(
    people.vitalsync,
    {
      name: "VitalSync Tracker",
      description: "Charts vital signs from the patient's record.",
      appType: "patient",
      clientType: "public",
      launchModes: ["standalone"],
      ...web("tracker"),
    },
    "patient/Observation.rs?category=vital-signs launch/patient openid fhirUser",
    { templateKey: "wellness" },
  );
  const legacy = await register(
    people.vitalsync,
    {
      name: "VitalSync Legacy Sync",
      description: "Old sync client, being retired.",
      appType: "patient",
      clientType: "confidential",
      launchModes: ["standalone"],
      ...web("legacy"),
    },
    "patient/Observation.read patient/Patient.read",
  );
  await setAppStatus(db, admin, {
    appId: legacy.appId,
    status: "suspended",
    reason: "Security review of the retired sync client.",
  });

  // Only the embedded authorization server trusts the demo key; an external one never sees it.
  if (!process.env.AUTH_ISSUER)
    await seedDemoBackend(db, people.payerlink, admin, demoBackendKeyFile);

  await seedAccessReviews(db, people);
}

const HOUR = 3_600_000;

/** The default quarterly schedule, last quarter's closed campaign (one item left unanswered, so flagged) and this quarter's open one. */
async function seedAccessReviews(
  db: Db,
  people: Record<keyof typeof DEMO_USERS, Actor>,
  now = new Date(),
) {
  const schedule = await db.reviewSchedule.create({
    data: {
      name: "Quarterly access review",
      cadence: "quarterly",
      scopeFilter: "all",
      assignment: "round_robin",
      reviewerIds: [people.reviewer.id],
      dueInDays: 14,
      reminderDaysBefore: 3,
      closeAction: "flag",
      nextRunAt: nextRunAfter("quarterly", now),
      lastRunAt: now,
      createdById: people.admin.id,
    },
  });
  const long = { timeout: 60_000 };
  const lastQuarter = periodStart(
    "quarterly",
    new Date(periodStart("quarterly", now).getTime() - 1),
  );
  const openedLast = new Date(lastQuarter.getTime() + HOUR);
  // The demo's grants predate last quarter's review, as they would in a portal that has been running
  // (the audit log keeps the real times at which the demo data was written).
  await db.appScope.updateMany({
    where: { state: "granted" },
    data: {
      grantedAt: new Date(lastQuarter.getTime() - 21 * 24 * HOUR),
      stateChangedAt: new Date(lastQuarter.getTime() - 21 * 24 * HOUR),
    },
  });
  const past = await db.$transaction(
    (tx) =>
      openCampaignInTx(tx, schedule, {
        now: openedLast,
        periodKey: periodKey("quarterly", lastQuarter),
        actor: null,
      }),
    long,
  );
  const pastItems = await db.reviewItem.findMany({
    where: { campaignId: past!.campaignId },
    orderBy: [{ risk: "asc" }, { scope: "asc" }],
    select: { id: true },
  });
  for (const [index, item] of pastItems.slice(1).entries()) {
    await decideReviewItem(
      db,
      people.reviewer,
      {
        kind: "certify",
        itemId: item.id,
        reason: index === 0 ? "Still used daily; checked with the partner." : null,
      },
      { now: new Date(openedLast.getTime() + (24 + index) * HOUR) },
    );
  }
  await db.$transaction(
    (tx) =>
      closeCampaignInTx(
        tx,
        past!.campaignId,
        people.admin,
        new Date(openedLast.getTime() + 15 * 24 * HOUR),
      ),
    long,
  );
  await db.$transaction(
    (tx) =>
      openCampaignInTx(tx, schedule, {
        now: new Date(now.getTime() - HOUR),
        periodKey: periodKey("quarterly", now),
        actor: null,
      }),
    long,
  );
  await seedDemoEndUsers(db, DEMO_PASSWORD);
}

export function printDemoCredentials(): void {
  console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD})`);
  for (const person of Object.values(DEMO_USERS)) {
    console.log(
      `  ${person.role.padEnd(9)} ${person.email}${"org" in person ? `  (${person.org})` : ""}`,
    );
  }
  console.log("Authorization server sign-in (patients and clinicians, same password):");
  for (const user of Object.values(DEMO_END_USERS))
    console.log(`  ${user.kind.padEnd(9)} ${user.username}  (${user.fhirUser})`);
  if (!process.env.AUTH_ISSUER)
    console.log(
      `Demo backend service (key in ${DEMO_BACKEND_KEY_FILE}): npm run --silent demo:token -- --scope "system/Patient.rs"`,
    );
  console.log("");
}
