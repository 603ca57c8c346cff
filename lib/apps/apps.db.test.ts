import { describe, expect, it } from "vitest";
import { createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { verifyAuditChain } from "../audit/verify";
import { AppError } from "../errors";
import { getTemplate } from "../scopes";
import { setupTestDb } from "../testing/setup-test-db";
import { hashSecret, secretMatches } from "./credentials";
import { getPartnerApp } from "./queries";
import { registerApp, requestScopeChange, rotateClientSecret } from "./service";

const t = setupTestDb();

const patientApp = (name = `Health Record ${Math.random().toString(36).slice(2, 7)}`) => ({
  name,
  description: "Shows patients their record",
  appType: "patient" as const,
  clientType: "public" as const,
  launchModes: ["standalone" as const],
  redirectUris: "https://app.example.com/callback",
});
const backendApp = (name = `Payer Sync ${Math.random().toString(36).slice(2, 7)}`) => ({
  name,
  appType: "backend" as const,
  clientType: "backend" as const,
  launchModes: [],
  redirectUris: "",
  jwksUrl: "https://payer.example.com/jwks.json",
});

async function partner(): Promise<Actor> {
  return (await createUser(t.db, { role: "partner" })) as Actor;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const stateOf = async (appId: string) =>
  Object.fromEntries(
    (await t.db.appScope.findMany({ where: { appId } })).map((s) => [s.scope, s.state]),
  );

describe("registering an app", () => {
  it("grants the patient-record template's reads at once and records the policy version", async () => {
    const actor = await partner();
    const scopes = getTemplate("patient-health-record")!
      .scopes.join(" ")
      .replace("patient/Observation.rs", "patient/Observation.rs?category=vital-signs");
    const result = await registerApp(t.db, actor, {
      details: patientApp(),
      scopes: `${scopes} patient/Observation.cu`,
      templateKey: "patient-health-record",
    });
    expect(result.clientId).toMatch(/^swc_[0-9a-f]{24}$/);
    expect(result.clientSecret).toBeNull();
    const states = await stateOf(result.appId);
    expect(states["patient/Patient.rs"]).toBe("granted");
    expect(states["patient/Observation.rs?category=vital-signs"]).toBe("granted");
    expect(states["launch/patient"]).toBe("granted");
    expect(states["patient/Observation.cu"]).toBe("pending");
    const rows = await t.db.appScope.findMany({
      where: { appId: result.appId },
      include: { events: true, policyVersion: true },
    });
    expect(rows.every((r) => r.events.length === 1 && r.policyVersion?.version === 1)).toBe(true);
    expect(rows.find((r) => r.scope === "patient/Observation.cu")?.stateReason).toMatch(
      /^Waiting for an administrator/,
    );
  });

  it("puts every payer-to-payer system scope in the queue, and gives a confidential client a hashed secret", async () => {
    const actor = await partner();
    const result = await registerApp(t.db, actor, {
      details: backendApp(),
      scopes: [...getTemplate("payer-to-payer")!.scopes],
    });
    expect(Object.values(await stateOf(result.appId))).toEqual(Array(6).fill("pending"));

    const confidential = await registerApp(t.db, actor, {
      details: { ...patientApp(), clientType: "confidential" },
      scopes: "patient/Patient.rs",
    });
    expect(confidential.clientSecret).toMatch(/^sws_/);
    const stored = await t.db.app.findUniqueOrThrow({
      where: { id: confidential.appId },
      omit: { clientSecretHash: false },
    });
    expect(stored.clientSecretHash).toBe(hashSecret(confidential.clientSecret!));
    const audit = (await t.db.auditEvent.findMany())
      .map((e) => JSON.stringify([e.before, e.after]))
      .join();
    expect(audit).toContain(confidential.clientId);
    expect(audit).not.toContain(confidential.clientSecret!);
  });

  it.each([
    [{ redirectUris: "http://app.example.com/cb" }, "details.redirectUris", /https/],
    [{ redirectUris: "https://app.example.com/cb#x" }, "details.redirectUris", /fragment/],
    [{ name: "" }, "details.name", /name/],
    [{ launchModes: ["ehr" as const] }, "details.launchUrl", /launch URL/],
  ])("refuses bad details by field and saves nothing (%#)", async (override, field, message) => {
    const actor = await partner();
    const error = await failure(
      registerApp(t.db, actor, {
        details: { ...patientApp(), ...override },
        scopes: "patient/Patient.rs",
      }),
    );
    expect(error.fieldErrors?.[field]?.join(" ")).toMatch(message);
    expect(await t.db.app.count({ where: { organizationId: actor.organizationId! } })).toBe(0);
  });

  it("refuses a non-https JWKS URL, an unknown resource type and an empty scope set", async () => {
    const actor = await partner();
    const jwks = await failure(
      registerApp(t.db, actor, {
        details: { ...backendApp(), jwksUrl: "http://payer.example.com/jwks" },
        scopes: "system/Patient.rs",
      }),
    );
    expect(jwks.fieldErrors?.["details.jwksUrl"]?.[0]).toMatch(/https/);
    const unknown = await failure(
      registerApp(t.db, actor, { details: patientApp(), scopes: "patient/Observaton.rs" }),
    );
    expect(unknown.fieldErrors?.scopes?.[0]).toMatch(/Observaton.*Observation/);
    const empty = await failure(registerApp(t.db, actor, { details: patientApp(), scopes: "   " }));
    expect(empty.fieldErrors?.scopes?.[0]).toBe("Add at least one scope.");
    expect(await t.db.app.count({ where: { organizationId: actor.organizationId! } })).toBe(0);
  });

  it("refuses a duplicate name within the organisation, but not across organisations", async () => {
    const actor = await partner();
    await registerApp(t.db, actor, {
      details: patientApp("Vitals Tracker"),
      scopes: "patient/Observation.rs",
    });
    const error = await failure(
      registerApp(t.db, actor, {
        details: patientApp("  vitals   TRACKER "),
        scopes: "patient/Observation.rs",
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.fieldErrors?.["details.name"]?.[0]).toMatch(/already has an app/);
    await expect(
      registerApp(t.db, await partner(), {
        details: patientApp("Vitals Tracker"),
        scopes: "patient/Observation.rs",
      }),
    ).resolves.toBeTruthy();
  });
});

describe("changing scopes", () => {
  it("removes at once, sends additions through policy, and refuses a no-op", async () => {
    const actor = await partner();
    const { appId } = await registerApp(t.db, actor, {
      details: patientApp(),
      scopes: "patient/Patient.rs patient/Observation.rs",
    });
    const result = await requestScopeChange(t.db, actor, {
      appId,
      scopes: "patient/Patient.read patient/Condition.rs patient/*.rs",
      justification: "Need conditions",
    });
    expect(result.removed).toEqual(["patient/Observation.rs"]);
    expect(result.added.map((a) => [a.scope, a.state])).toEqual([
      ["patient/Condition.rs", "granted"],
      ["patient/*.rs", "pending"],
    ]);
    expect(await stateOf(appId)).toMatchObject({
      "patient/Patient.rs": "granted",
      "patient/Observation.rs": "withdrawn",
      "patient/*.rs": "pending",
    });
    const noop = await failure(
      requestScopeChange(t.db, actor, {
        appId,
        scopes: "patient/Patient.rs patient/Condition.rs patient/*.rs",
      }),
    );
    expect(noop.message).toMatch(/nothing to change/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe("another organisation", () => {
  it("cannot see, change or rotate anything of an app it does not own", async () => {
    const owner = await partner();
    const outsider = await partner();
    const { appId } = await registerApp(t.db, owner, {
      details: { ...patientApp(), clientType: "confidential" },
      scopes: "patient/Patient.rs",
    });
    const before = await t.db.app.findUniqueOrThrow({
      where: { id: appId },
      omit: { clientSecretHash: false },
    });

    expect((await failure(getPartnerApp(t.db, outsider, appId))).code).toBe("NOT_FOUND");
    expect((await failure(rotateClientSecret(t.db, outsider, { appId }))).code).toBe("NOT_FOUND");
    expect(
      (await failure(requestScopeChange(t.db, outsider, { appId, scopes: "patient/*.cruds" })))
        .code,
    ).toBe("NOT_FOUND");

    const after = await t.db.app.findUniqueOrThrow({
      where: { id: appId },
      omit: { clientSecretHash: false },
    });
    expect(after.clientSecretHash).toBe(before.clientSecretHash);
    expect(await stateOf(appId)).toEqual({ "patient/Patient.rs": "granted" });
  });

  it("staff roles cannot register apps for a partner", async () => {
    const admin = (await createUser(t.db, { role: "admin" })) as Actor;
    expect(
      (
        await failure(
          registerApp(t.db, admin, { details: patientApp(), scopes: "patient/Patient.rs" }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});

describe("rotating a secret", () => {
  it("replaces the hash so only the new secret matches", async () => {
    const actor = await partner();
    const { appId, clientSecret } = await registerApp(t.db, actor, {
      details: { ...patientApp(), clientType: "confidential" },
      scopes: "patient/Patient.rs",
    });
    const { clientSecret: next } = await rotateClientSecret(t.db, actor, { appId });
    const stored = await t.db.app.findUniqueOrThrow({
      where: { id: appId },
      omit: { clientSecretHash: false },
    });
    expect(secretMatches(next, stored.clientSecretHash!)).toBe(true);
    expect(secretMatches(clientSecret!, stored.clientSecretHash!)).toBe(false);
  });
});

describe("what the browser form sends", () => {
  it("accepts nulls for the optional parts (no template, no justification)", async () => {
    const actor = await partner();
    const result = await registerApp(t.db, actor, {
      details: { ...patientApp(), homepageUrl: null, description: null },
      scopes: "patient/Patient.rs",
      templateKey: null,
      justification: null,
    });
    expect(result.scopes).toHaveLength(1);
  });
});
