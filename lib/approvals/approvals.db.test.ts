import { describe, expect, it } from "vitest";
import { createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { registerApp, requestScopeChange } from "../apps/service";
import { verifyAuditChain } from "../audit/verify";
import { AppError } from "../errors";
import { setupTestDb } from "../testing/setup-test-db";
import { decideRequest, decideRequests } from "./decide";
import { revokeAppGrants, revokeGrant } from "./revoke";
import { setAppStatus, setOrganizationStatus } from "./suspend";

const t = setupTestDb();
const ctx = { appUrl: "http://portal.test" };

const admin = async () => (await createUser(t.db, { role: "admin" })) as Actor;
const partner = async () => (await createUser(t.db, { role: "partner" })) as Actor;

async function backendApp(owner: Actor, scopes: string) {
  const name = `Svc ${Math.random().toString(36).slice(2, 8)}`;
  const { appId } = await registerApp(t.db, owner, {
    details: {
      name,
      appType: "backend",
      clientType: "backend",
      launchModes: [],
      redirectUris: "",
      jwksUrl: "https://svc.example.com/jwks",
    },
    scopes,
    justification: "Needed for payer exchange",
  });
  const rows = await t.db.appScope.findMany({ where: { appId } });
  return { appId, row: (scope: string) => rows.find((r) => r.scope === scope)! };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const stateOf = async (id: string) =>
  (await t.db.appScope.findUniqueOrThrow({ where: { id } })).state;

describe("deciding a request", () => {
  it("grants on one approval, records the policy version, moves the gateway version and tells the partner", async () => {
    const owner = await partner();
    const { appId, row } = await backendApp(owner, "system/Patient.rs");
    await t.db.webhookEndpoint.create({
      data: {
        url: "https://hooks.example.com/sw",
        events: ["grant.approved"],
        secretCiphertext: "x",
      },
    });
    const before = await t.db.app.findUniqueOrThrow({ where: { id: appId } });

    const result = await decideRequest(
      t.db,
      await admin(),
      { kind: "approve", appScopeId: row("system/Patient.rs").id },
      ctx,
    );
    expect(result).toMatchObject({ outcome: "granted", approvals: { have: 1, need: 1 } });
    const granted = await t.db.appScope.findUniqueOrThrow({
      where: { id: result.appScopeId },
      include: { decisions: { include: { policyVersion: true } } },
    });
    expect(granted.state).toBe("granted");
    expect(granted.decisions[0]?.policyVersion.version).toBe(1);
    expect(
      (await t.db.app.findUniqueOrThrow({ where: { id: appId } })).grantsVersion,
    ).toBeGreaterThan(before.grantsVersion);
    expect(
      await t.db.webhookDelivery.count({
        where: { eventType: "grant.approved", payload: { path: ["data", "appId"], equals: appId } },
      }),
    ).toBe(1);
    const notes = await t.db.notification.findMany({ where: { userId: owner.id } });
    expect(notes.map((n) => n.title)).toContain(`Approved: system/Patient.rs for ${before.name}`);
    expect(
      await t.db.emailMessage.count({
        where: { to: owner.email, text: { contains: `http://portal.test/apps/${appId}` } },
      }),
    ).toBe(1);
  });

  it("needs two different administrators for a system wildcard", async () => {
    const { row } = await backendApp(await partner(), "system/*.rs");
    const [a, b] = [await admin(), await admin()];
    const id = row("system/*.rs").id;
    expect(await decideRequest(t.db, a, { kind: "approve", appScopeId: id }, ctx)).toMatchObject({
      outcome: "approval_recorded",
      approvals: { have: 1, need: 2 },
    });
    expect(await stateOf(id)).toBe("pending");
    expect(
      (await failure(decideRequest(t.db, a, { kind: "approve", appScopeId: id }, ctx))).message,
    ).toMatch(/different administrator/);
    expect(await decideRequest(t.db, b, { kind: "approve", appScopeId: id }, ctx)).toMatchObject({
      outcome: "granted",
      approvals: { have: 2, need: 2 },
    });
  });

  it("requires a reason to deny, and the partner reads it", async () => {
    const owner = await partner();
    const { row } = await backendApp(owner, "system/Coverage.rs");
    const id = row("system/Coverage.rs").id;
    const missing = await failure(
      decideRequest(t.db, await admin(), { kind: "deny", appScopeId: id, reason: "" }, ctx),
    );
    expect(missing.fieldErrors?.reason?.[0]).toMatch(/Say why/);
    expect(await stateOf(id)).toBe("pending");
    await decideRequest(
      t.db,
      await admin(),
      { kind: "deny", appScopeId: id, reason: "Coverage is not needed for this use case" },
      ctx,
    );
    const denied = await t.db.appScope.findUniqueOrThrow({ where: { id } });
    expect(denied).toMatchObject({
      state: "denied",
      stateReason: "Coverage is not needed for this use case",
    });
    expect(
      (
        await t.db.notification.findFirstOrThrow({
          where: { userId: owner.id, kind: "scope.denied" },
        })
      ).body,
    ).toMatch(/Reason: Coverage is not needed/);
  });

  it("approves a narrower scope instead, ending the original request", async () => {
    const { appId, row } = await backendApp(await partner(), "system/*.rs");
    const result = await decideRequest(
      t.db,
      await admin(),
      { kind: "narrow", appScopeId: row("system/*.rs").id, narrowedScope: "system/Patient.read" },
      ctx,
    );
    expect(result).toMatchObject({ outcome: "narrowed", narrowedScope: "system/Patient.rs" });
    const scopes = await t.db.appScope.findMany({
      where: { appId },
      orderBy: { createdAt: "asc" },
    });
    expect(scopes.map((s) => [s.scope, s.state])).toEqual([
      ["system/*.rs", "denied"],
      ["system/Patient.rs", "granted"],
    ]);
    expect(scopes[1]!.replacesId).toBe(scopes[0]!.id);
    const wider = await failure(
      decideRequest(
        t.db,
        await admin(),
        { kind: "narrow", appScopeId: scopes[0]!.id, narrowedScope: "system/Patient.cruds" },
        ctx,
      ),
    );
    expect(wider.code).toBe("CONFLICT"); // already decided
  });

  it("sends a request back for changes; the partner's resubmission puts it back in the queue", async () => {
    const owner = await partner();
    const { appId, row } = await backendApp(owner, "system/Task.cu system/Task.rs");
    const id = row("system/Task.cu").id;
    await decideRequest(
      t.db,
      await admin(),
      { kind: "request_changes", appScopeId: id, reason: "Explain why updates are needed" },
      ctx,
    );
    expect(await stateOf(id)).toBe("changes_requested");
    await requestScopeChange(t.db, owner, {
      appId,
      scopes: "system/Task.cu system/Task.rs",
      justification: "Updates record prior-auth status",
    });
    expect(await stateOf(id)).toBe("pending");
  });
});

describe("two administrators deciding the same request at once", () => {
  it("lets exactly one decision win; the other gets a clear message and nothing is half-written", async () => {
    const [a, b] = [await admin(), await admin()];
    for (let trial = 0; trial < 4; trial++) {
      const { row } = await backendApp(await partner(), "system/Condition.rs");
      const id = row("system/Condition.rs").id;
      const results = await Promise.allSettled([
        decideRequest(t.db, a, { kind: "approve", appScopeId: id }, ctx),
        decideRequest(t.db, b, { kind: "deny", appScopeId: id, reason: "Not justified" }, ctx),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(AppError);
      expect(lost[0]!.reason.code).toBe("CONFLICT");
      expect(lost[0]!.reason.message).toMatch(
        /Another decision got there first|changed while you were looking/,
      );
      expect(await t.db.approvalDecision.count({ where: { appScopeId: id } })).toBe(1);
      expect(await t.db.scopeEvent.count({ where: { appScopeId: id } })).toBe(2);
      expect(
        await t.db.auditEvent.count({
          where: { entityId: id, action: { in: ["scope.approved", "scope.denied"] } },
        }),
      ).toBe(1);
    }
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe("bulk decisions", () => {
  it("approves the selected requests and reports the ones already decided", async () => {
    const { row } = await backendApp(
      await partner(),
      "system/Patient.rs system/Coverage.rs system/Encounter.rs",
    );
    const ids = ["system/Patient.rs", "system/Coverage.rs", "system/Encounter.rs"].map(
      (s) => row(s).id,
    );
    await decideRequest(
      t.db,
      await admin(),
      { kind: "deny", appScopeId: ids[2]!, reason: "Not needed" },
      ctx,
    );
    const result = await decideRequests(
      t.db,
      await admin(),
      { kind: "approve", appScopeIds: ids },
      ctx,
    );
    expect(result.done.map((d) => d.outcome)).toEqual(["granted", "granted"]);
    expect(result.skipped).toEqual([
      { appScopeId: ids[2], reason: expect.stringMatching(/now denied/) },
    ]);
    const noReason = await failure(
      decideRequests(t.db, await admin(), { kind: "deny", appScopeIds: ids }, ctx),
    );
    expect(noReason.fieldErrors?.reason).toBeTruthy();
  });
});

describe("revoking and suspending", () => {
  it("revokes one grant with a reason, then refuses to revoke it twice", async () => {
    const owner = await partner();
    const { appId } = await registerApp(t.db, owner, {
      details: {
        name: "Reader",
        appType: "patient",
        clientType: "public",
        launchModes: ["standalone"],
        redirectUris: "https://r.example.com/cb",
      },
      scopes: "patient/Patient.rs patient/Observation.rs",
    });
    const grant = await t.db.appScope.findFirstOrThrow({
      where: { appId, scope: "patient/Observation.rs" },
    });
    await revokeGrant(
      t.db,
      await admin(),
      { appScopeId: grant.id, reason: "App does not use observations" },
      ctx,
    );
    expect(await t.db.appScope.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      state: "revoked",
      stateReason: "App does not use observations",
    });
    expect(
      (
        await failure(
          revokeGrant(t.db, await admin(), { appScopeId: grant.id, reason: "again" }, ctx),
        )
      ).code,
    ).toBe("CONFLICT");
    const result = await revokeAppGrants(
      t.db,
      await admin(),
      { appId, reason: "Security incident" },
      ctx,
    );
    expect(result).toEqual({ revoked: 1, denied: 0 });
  });

  it("suspends an app and a partner organisation, announcing it; a suspended partner cannot register apps", async () => {
    const owner = await partner();
    const { appId } = await backendApp(owner, "system/Patient.rs");
    await t.db.webhookEndpoint.create({
      data: {
        url: "https://hooks.example.com/all",
        events: ["app.suspended"],
        secretCiphertext: "x",
      },
    });
    const staff = await admin();
    expect(
      (await failure(setAppStatus(t.db, staff, { appId, status: "suspended", reason: "" }, ctx)))
        .fieldErrors?.reason,
    ).toBeTruthy();
    await setAppStatus(t.db, staff, { appId, status: "suspended", reason: "Unusual traffic" }, ctx);
    expect(await t.db.app.findUniqueOrThrow({ where: { id: appId } })).toMatchObject({
      status: "suspended",
      statusReason: "Unusual traffic",
    });
    expect(
      await t.db.webhookDelivery.count({
        where: { eventType: "app.suspended", payload: { path: ["data", "appId"], equals: appId } },
      }),
    ).toBe(1);
    await setAppStatus(t.db, staff, { appId, status: "active" }, ctx);

    await setOrganizationStatus(
      t.db,
      staff,
      { organizationId: owner.organizationId!, status: "suspended", reason: "Contract ended" },
      ctx,
    );
    const blocked = await failure(
      registerApp(t.db, owner, {
        details: {
          name: "New",
          appType: "backend",
          clientType: "backend",
          jwksUrl: "https://x.example.com/j",
        },
        scopes: "system/Patient.rs",
      }),
    );
    expect(blocked.message).toMatch(/suspended \(Contract ended\)/);
  });
});

describe("who may decide", () => {
  it("refuses partners and reviewers every admin action", async () => {
    const { appId, row } = await backendApp(await partner(), "system/Patient.rs");
    const id = row("system/Patient.rs").id;
    for (const actor of [
      await partner(),
      (await createUser(t.db, { role: "reviewer" })) as Actor,
    ]) {
      expect(
        (await failure(decideRequest(t.db, actor, { kind: "approve", appScopeId: id }, ctx))).code,
      ).toBe("FORBIDDEN");
      expect(
        (await failure(decideRequests(t.db, actor, { kind: "approve", appScopeIds: [id] }, ctx)))
          .code,
      ).toBe("FORBIDDEN");
      expect(
        (await failure(revokeGrant(t.db, actor, { appScopeId: id, reason: "because" }, ctx))).code,
      ).toBe("FORBIDDEN");
      expect(
        (await failure(revokeAppGrants(t.db, actor, { appId, reason: "because" }, ctx))).code,
      ).toBe("FORBIDDEN");
      expect(
        (
          await failure(
            setAppStatus(t.db, actor, { appId, status: "suspended", reason: "because" }, ctx),
          )
        ).code,
      ).toBe("FORBIDDEN");
      expect(
        (
          await failure(
            setOrganizationStatus(
              t.db,
              actor,
              {
                organizationId: actor.organizationId ?? appId,
                status: "suspended",
                reason: "because",
              },
              ctx,
            ),
          )
        ).code,
      ).toBe("FORBIDDEN");
    }
    expect(await stateOf(id)).toBe("pending");
  });
});
