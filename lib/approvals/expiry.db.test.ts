// Grants that end by themselves, with an injected clock: the policy's lifetime and the approver's
// earlier date at approval, reminders at 30 and 7 days and the expiry itself, each once with two
// workers, and renewal through the policy in force.
import { describe, expect, it } from "vitest";
import { createApp, createOrganization, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { verifyAuditChain } from "../audit/verify";
import { createPrismaClient } from "../database/client";
import type { Prisma } from "../generated/prisma/client";
import { loadClientGrants } from "../enforcement/queries";
import { setupTestDb } from "../testing/setup-test-db";
import { registerApp } from "../apps/service";
import { decideRequest } from "./decide";
import { replaceGrantWithNarrowerInTx } from "./revoke";
import { runGrantExpiry } from "./expiry";
import { getCurrentPolicy } from "./policy-versions";
import { approveRenewal, requestRenewal } from "./renewal";
import { DEFAULT_POLICY } from "../policy";

const t = setupTestDb();
const DAY = 86_400_000;
const T0 = new Date("2026-03-01T12:00:00Z");
const at = (days: number, ms = 0) => new Date(T0.getTime() + days * DAY + ms);

async function usePolicyWithLifetimes() {
  const current = await getCurrentPolicy(t.db);
  await t.db.policyVersion.create({
    data: {
      version: current.version + 1,
      document: {
        ...DEFAULT_POLICY,
        aging: {
          lifetimes: [
            { match: { contexts: ["system"], permissionsAny: ["c", "u", "d"] }, maxDays: 365 },
            { match: { contexts: ["system"] }, maxDays: 90 },
            { match: { contexts: ["user"] }, maxDays: 60 },
          ],
        },
      } as unknown as Prisma.InputJsonValue,
    },
  });
}

async function partnerApp(granted: string[], pending: string[] = []) {
  const org = await createOrganization(t.db);
  const member = (await createUser(t.db, { role: "partner", organizationId: org.id })) as Actor;
  const app = await createApp(t.db, { organizationId: org.id, granted, pending });
  const grant = (scope: string) =>
    t.db.appScope.findFirstOrThrow({
      where: { appId: app.id, scope },
      orderBy: { createdAt: "desc" },
    });
  return { org, member, app, grant };
}

const notifications = (userId: string, kind: string) =>
  t.db.notification.count({ where: { userId, kind } });

describe("grant expiry", () => {
  it("sets the policy's lifetime at approval, or the approver's earlier date", async () => {
    await usePolicyWithLifetimes();
    const admin = (await createUser(t.db, { role: "admin" })) as Actor;
    const { grant } = await partnerApp([], ["system/Patient.rs", "system/Coverage.rs"]);
    const patient = await grant("system/Patient.rs");
    await decideRequest(t.db, admin, { kind: "approve", appScopeId: patient.id }, { now: T0 });
    expect((await grant("system/Patient.rs")).expiresAt).toEqual(at(90));
    const coverage = await grant("system/Coverage.rs");
    await decideRequest(
      t.db,
      admin,
      { kind: "approve", appScopeId: coverage.id, expiresAt: "2026-04-01" },
      { now: T0 },
    );
    expect((await grant("system/Coverage.rs")).expiresAt).toEqual(
      new Date("2026-04-01T23:59:59.999Z"),
    );
    // A date beyond the policy's maximum is capped to it.
    const { grant: other } = await partnerApp([], ["system/Claim.rs"]);
    const claim = await other("system/Claim.rs");
    await decideRequest(
      t.db,
      admin,
      { kind: "approve", appScopeId: claim.id, expiresAt: "2030-01-01" },
      { now: T0 },
    );
    expect((await other("system/Claim.rs")).expiresAt).toEqual(at(90));
  });

  it("keeps the partner's shorter expiry from registration, and a narrowing keeps the grant's end", async () => {
    const org = await createOrganization(t.db);
    const member = (await createUser(t.db, { role: "partner", organizationId: org.id })) as Actor;
    const registered = await registerApp(
      t.db,
      member,
      {
        details: {
          name: `Short ${Math.random().toString(36).slice(2, 7)}`,
          description: "",
          appType: "patient",
          clientType: "public",
          launchModes: ["standalone"],
          redirectUris: "https://short.example.com/cb",
        },
        scopes: "patient/Observation.rs",
        expiresAt: "2026-03-20",
      },
      T0,
    );
    const row = await t.db.appScope.findFirstOrThrow({ where: { appId: registered.appId } });
    expect(row).toMatchObject({
      state: "granted",
      expiresAt: new Date("2026-03-20T23:59:59.999Z"),
      requestedExpiresAt: new Date("2026-03-20T23:59:59.999Z"),
    });
    const admin = (await createUser(t.db, { role: "admin" })) as Actor;
    const narrowed = await t.db.$transaction((tx) =>
      replaceGrantWithNarrowerInTx(
        tx,
        admin,
        {
          appScopeId: row.id,
          narrowedScope: "patient/Observation.rs?category=vital-signs",
          reason: null,
        },
        { now: T0 },
        "admin",
      ),
    );
    const replacement = await t.db.appScope.findFirstOrThrow({
      where: { appId: registered.appId, state: "granted" },
    });
    expect(narrowed).toBeTruthy();
    expect(replacement.expiresAt).toEqual(new Date("2026-03-20T23:59:59.999Z"));
  });

  it("reminds at 30 and 7 days and ends the grant at expiry, each once with two workers", async () => {
    const { member, app, grant } = await partnerApp(["system/Encounter.rs", "patient/Patient.rs"]);
    const g = await grant("system/Encounter.rs");
    await t.db.appScope.update({ where: { id: g.id }, data: { expiresAt: at(90) } });
    const second = createPrismaClient(t.url, { poolSize: 3 });
    const both = (now: Date) =>
      Promise.all([runGrantExpiry(t.db, now), runGrantExpiry(second, now)]);
    try {
      await both(at(59));
      expect(await notifications(member.id, "scope.expiring")).toBe(0);

      // Other tests' grants expire too: the counts that matter are this partner's.
      await both(at(60, 3_600_000));
      expect(await notifications(member.id, "scope.expiring")).toBe(1);
      await both(at(61));
      expect(await notifications(member.id, "scope.expiring")).toBe(1);

      await both(at(83, 3_600_000));
      expect(await notifications(member.id, "scope.expiring")).toBe(2);
      await both(at(84));
      expect(await notifications(member.id, "scope.expiring")).toBe(2);
      const mails = await t.db.emailMessage.count({
        where: { to: member.email, subject: { startsWith: "Expires in" } },
      });
      expect(mails).toBe(2);

      expect((await loadClientGrants(t.db, app.clientId))!.scopes).toContain("system/Encounter.rs");
      const [x, y] = await both(at(90, 1));
      expect(x.expired + y.expired).toBeGreaterThanOrEqual(1);
    } finally {
      await second.$disconnect();
    }
    const ended = await grant("system/Encounter.rs");
    expect(ended).toMatchObject({ state: "revoked", stateReason: "expired" });
    expect(await t.db.scopeEvent.count({ where: { appScopeId: g.id, toState: "revoked" } })).toBe(
      1,
    );
    const audits = await t.db.auditEvent.findMany({
      where: { action: "scope.revoked", entityId: g.id },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: "system", actorLabel: "grant expiry" });
    // The decision API's view: the grant is gone, the other one stays.
    expect((await loadClientGrants(t.db, app.clientId))!.scopes).toEqual(["patient/Patient.rs"]);
    expect(await notifications(member.id, "scope.revoked")).toBe(1);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("renews through the policy: at once when it grants, after an administrator when it asks for one", async () => {
    const { member, grant } = await partnerApp(["user/Observation.rs", "system/Location.rs"]);
    const user = await grant("user/Observation.rs");
    const system = await grant("system/Location.rs");
    await t.db.appScope.updateMany({
      where: { id: { in: [user.id, system.id] } },
      data: { expiresAt: at(5), expiryRemindedDays: 7 },
    });
    const now = at(0);
    const admin = (await createUser(t.db, { role: "admin" })) as Actor;
    expect(await requestRenewal(t.db, member, { appScopeId: user.id }, { now })).toMatchObject({
      outcome: "renewed",
      expiresAt: at(60),
    });
    expect(await grant("user/Observation.rs")).toMatchObject({
      expiresAt: at(60),
      expiryRemindedDays: null,
    });

    expect(await requestRenewal(t.db, member, { appScopeId: system.id }, { now })).toEqual({
      outcome: "requested",
      approversNeeded: 1,
    });
    expect((await grant("system/Location.rs")).expiresAt).toEqual(at(5));
    await expect(requestRenewal(t.db, member, { appScopeId: system.id }, { now })).rejects.toThrow(
      /already waiting/,
    );
    expect(
      await t.db.notification.count({
        where: { userId: admin.id, kind: "scope.renewal_requested" },
      }),
    ).toBe(1);
    const later = at(1);
    const decisionsOf = async (kind: "approve" | "renew") =>
      (
        await t.db.approvalDecision.findMany({
          where: { appScopeId: system.id, kind },
          select: { adminId: true, narrowedScope: true },
        })
      ).map((d) => [d.adminId, d.narrowedScope]);
    const firstApprovals = await decisionsOf("approve");
    expect(
      await approveRenewal(t.db, admin, { appScopeId: system.id }, { now: later }),
    ).toMatchObject({ outcome: "renewed", expiresAt: at(91) });
    // The renewal's approval is a decision of its own kind; the first request's stay as they were.
    expect(await decisionsOf("renew")).toEqual([[admin.id, null]]);
    expect(await decisionsOf("approve")).toEqual(firstApprovals);
    expect(await grant("system/Location.rs")).toMatchObject({
      state: "granted",
      expiresAt: at(91),
      renewalRequestedAt: null,
    });
    await expect(approveRenewal(t.db, admin, { appScopeId: system.id })).rejects.toThrow(
      /No renewal/,
    );
    // Another organisation's member cannot renew it.
    const stranger = (await createUser(t.db, { role: "partner" })) as Actor;
    await expect(requestRenewal(t.db, stranger, { appScopeId: system.id })).rejects.toThrow(
      /not found/,
    );
  });
});
