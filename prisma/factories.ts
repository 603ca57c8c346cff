// Test and demo data builders, shared by the seed, integration tests and end-to-end tests.
// They create records directly (fast, no audit events); flows under test go through lib/ services.
import { createHash, randomBytes } from "node:crypto";
import { hashPassword } from "../lib/users/password";
import type { Db } from "../lib/database/client";
import type { Role } from "../lib/generated/prisma/enums";

export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

const hashCache = new Map<string, Promise<string>>();
/** argon2 is slow on purpose; tests reuse one hash per password. */
const cachedHash = (password: string) => {
  let hash = hashCache.get(password);
  if (!hash) hashCache.set(password, (hash = hashPassword(password)));
  return hash;
};

export const TEST_PASSWORD = "Correct-Horse-Battery-9";

export async function createOrganization(db: Db, data: { name?: string } = {}) {
  return db.organization.create({ data: { name: data.name ?? unique("Org") } });
}

export async function createUser(
  db: Db,
  data: {
    role: Role;
    organizationId?: string | null;
    email?: string;
    name?: string;
    password?: string;
    /** False for an account whose owner has not opened the verification link yet. */
    isVerified?: boolean;
  },
) {
  const email = (data.email ?? `${unique(data.role)}@example.test`).toLowerCase();
  return db.user.create({
    data: {
      email,
      name: data.name ?? email.split("@")[0]!,
      role: data.role,
      organizationId:
        data.role === "partner" ? (data.organizationId ?? (await createOrganization(db)).id) : null,
      passwordHash: await cachedHash(data.password ?? TEST_PASSWORD),
      emailVerifiedAt: data.isVerified === false ? null : new Date(),
    },
    select: { id: true, email: true, name: true, role: true, organizationId: true },
  });
}

/** An app with the given live grants (and optionally pending scopes), written directly. */
export async function createApp(
  db: Db,
  data: {
    organizationId?: string;
    name?: string;
    granted?: string[];
    pending?: string[];
    status?: "active" | "suspended";
  } = {},
) {
  const organizationId = data.organizationId ?? (await createOrganization(db)).id;
  const name = data.name ?? unique("App");
  const app = await db.app.create({
    data: {
      organizationId,
      name,
      nameKey: name.toLowerCase(),
      appType: "backend",
      clientType: "backend",
      launchModes: [],
      redirectUris: [],
      clientId: `swc_${randomBytes(12).toString("hex")}`,
      status: data.status ?? "active",
    },
    select: { id: true, clientId: true, organizationId: true, name: true },
  });
  const rows = [
    ...(data.granted ?? []).map((scope) => ({ scope, state: "granted" as const })),
    ...(data.pending ?? []).map((scope) => ({ scope, state: "pending" as const })),
  ];
  if (rows.length) {
    await db.appScope.createMany({
      data: rows.map((r) => ({
        appId: app.id,
        scope: r.scope,
        requested: r.scope,
        state: r.state,
        risk: "low" as const,
        policyOutcome: r.state === "granted" ? ("grant" as const) : ("one_approver" as const),
        grantedAt: r.state === "granted" ? new Date() : null,
      })),
    });
  }
  return app;
}

/** A gateway API key; returns the key itself (shown once in the product). */
export async function createApiKeyRow(db: Db, data: { name?: string; revoked?: boolean } = {}) {
  const prefix = randomBytes(6).toString("hex");
  const key = `swk_${prefix}_${randomBytes(32).toString("base64url")}`;
  const row = await db.apiKey.create({
    data: {
      name: data.name ?? unique("gateway"),
      prefix,
      keyHash: createHash("sha256").update(key).digest("hex"),
      revokedAt: data.revoked ? new Date() : null,
    },
    select: { id: true, name: true },
  });
  return { ...row, key };
}
