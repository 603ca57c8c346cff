// The admin use cases behind /admin/gateways: keys (shown once, stored hashed, revocable, audited),
// the export download and the drift check.
import { beforeAll, describe, expect, it } from "vitest";
import { createApp, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { setupTestDb } from "../testing/setup-test-db";
import { hashApiKey } from "./api-keys";
import { checkDrift, exportApprovedScopes } from "./export-service";
import type { GenericExport } from "./export";
import { findApiKeys } from "./queries";
import { createApiKey, revokeApiKey } from "./service";

const t = setupTestDb();
let admin: Actor;
let reviewer: Actor;

beforeAll(async () => {
  admin = (await createUser(t.db, { role: "admin", name: "Ada Admin" })) as Actor;
  reviewer = (await createUser(t.db, { role: "reviewer" })) as Actor;
});

describe("gateway API keys", () => {
  it("creates a key shown once and stored as a hash, lists it with its creator, revokes it; all audited", async () => {
    const { id, key } = await createApiKey(t.db, admin, { name: "  Production nginx " });
    expect(key).toMatch(/^swk_[0-9a-f]{12}_/);
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id }, omit: { keyHash: false } });
    expect(row).toMatchObject({
      name: "Production nginx",
      keyHash: hashApiKey(key),
      revokedAt: null,
    });
    expect(JSON.stringify(row)).not.toContain(key);

    const page = await findApiKeys(t.db, { page: 1, perPage: 25 });
    expect(page.rows.find((r) => r.id === id)).toMatchObject({
      name: "Production nginx",
      prefix: row.prefix,
      createdBy: `Ada Admin (${admin.email})`,
      lastUsedAt: null,
    });
    expect(JSON.stringify(page)).not.toContain(row.keyHash);

    await revokeApiKey(t.db, admin, { id });
    await expect(revokeApiKey(t.db, admin, { id })).rejects.toMatchObject({ code: "CONFLICT" });
    const events = await t.db.auditEvent.findMany({
      where: { entityId: id },
      orderBy: { seq: "asc" },
      select: { action: true, actorId: true },
    });
    expect(events).toEqual([
      { action: "api_key.created", actorId: admin.id },
      { action: "api_key.revoked", actorId: admin.id },
    ]);
  });

  it("refuses a blank name, another role and an unknown key", async () => {
    await expect(createApiKey(t.db, admin, { name: "  " })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { name: ["Name the key after the gateway that will use it."] },
    });
    await expect(createApiKey(t.db, reviewer, { name: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      revokeApiKey(t.db, admin, { id: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("export and drift", () => {
  it("exports live approved scopes only, audited", async () => {
    const live = await createApp(t.db, {
      granted: ["patient/Observation.rs", "openid"],
      pending: ["patient/Condition.rs"],
    });
    const suspended = await createApp(t.db, {
      granted: ["patient/Patient.rs"],
      status: "suspended",
    });
    const out = (await exportApprovedScopes(
      t.db,
      { kind: "admin", actor: admin },
      "generic",
    )) as GenericExport;
    expect(out.clients.find((c) => c.clientId === live.clientId)).toMatchObject({
      appStatus: "active",
      scopes: ["openid", "patient/Observation.rs"],
    });
    expect(out.clients.find((c) => c.clientId === suspended.clientId)).toMatchObject({
      appStatus: "suspended",
      scopes: [],
    });
    expect(
      await t.db.auditEvent.count({ where: { action: "grants.exported", actorId: admin.id } }),
    ).toBe(1);
    await expect(
      exportApprovedScopes(t.db, { kind: "admin", actor: reviewer }, "generic"),
    ).rejects.toBeInstanceOf(AppError);
  });

  it("compares an uploaded configuration with the approvals, audited; a bad file gets a message", async () => {
    const app = await createApp(t.db, { granted: ["user/Encounter.rs", "openid", "fhirUser"] });
    const upload = {
      clients: [
        {
          clientId: app.clientId,
          defaultClientScopes: ["openid", "email"],
          optionalClientScopes: ["user/Encounter.read", "user/Encounter.cud"],
        },
        { clientId: "kc-only-client", optionalClientScopes: [] },
      ],
    };
    const report = await checkDrift(t.db, admin, {
      name: "realm-export.json",
      text: JSON.stringify(upload),
    });
    expect(report.format).toBe("keycloak");
    expect(report.clients).toEqual([
      {
        clientId: app.clientId,
        appName: expect.any(String),
        appStatus: "active",
        unapproved: ["user/Encounter.cud"],
        missing: ["fhirUser"],
        ignored: ["email"],
      },
    ]);
    expect(report.unknownClients).toEqual(["kc-only-client"]);
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "grants.drift_checked" },
      select: { actorId: true, after: true },
    });
    expect(event).toMatchObject({
      actorId: admin.id,
      after: {
        file: "realm-export.json",
        format: "keycloak",
        driftingClients: [{ clientId: app.clientId, unapproved: 1, missing: 1 }],
      },
    });

    await expect(
      checkDrift(t.db, admin, { name: "x.json", text: "not json" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "The file is not valid JSON." });
    await expect(checkDrift(t.db, reviewer, { name: "x.json", text: "{}" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
