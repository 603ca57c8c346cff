// The key check against a local HTTP server serving good, weak, private, duplicate and broken key
// sets, then stopping: each app's problems are recorded, announced once, and "unreachable" after.
// Pasted key sets are judged as stored, by the job and by an owner's or admin's check now.
import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createOrganization, createUser } from "../../prisma/factories";
import { setupTestDb } from "../testing/setup-test-db";
import { checkAppKeysNow, runKeyChecks } from "./check";
import { getKeyCheck } from "./queries";

const t = setupTestDb();
const outbound = { allowPrivateTargets: true };
let server: Server;
let origin: string;
const documents = new Map<string, string>();

beforeAll(async () => {
  const rsa = await exportJWK((await generateKeyPair("RS384", { extractable: true })).publicKey);
  const ec = await exportJWK((await generateKeyPair("ES384", { extractable: true })).publicKey);
  const weak = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({
    format: "jwk",
  });
  const leaked = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    format: "jwk",
  });
  documents.set(
    "/good",
    JSON.stringify({
      keys: [
        { ...rsa, kid: "r1", alg: "RS384" },
        { ...ec, kid: "e1" },
      ],
    }),
  );
  documents.set("/weak", JSON.stringify({ keys: [{ ...weak, kid: "w1", alg: "RS384" }] }));
  documents.set("/private", JSON.stringify({ keys: [{ ...leaked, kid: "p1", alg: "RS384" }] }));
  documents.set(
    "/duplicate",
    JSON.stringify({
      keys: [
        { ...rsa, kid: "same" },
        { ...ec, kid: "same" },
      ],
    }),
  );
  documents.set("/broken", "<html>not a key set</html>");
  server = createServer((req, res) => {
    const body = documents.get(req.url ?? "");
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
);

const codes = async (appId: string) =>
  [...new Set((await getKeyCheck(t.db, appId))!.problems.map((p) => p.code))].sort();

describe("backend key checks", () => {
  it("records keys and problems per app, announces each once, and reports a URL that stops answering", async () => {
    const org = await createOrganization(t.db);
    const member = await createUser(t.db, { role: "partner", organizationId: org.id });
    const apps: Record<string, string> = {};
    for (const path of documents.keys()) {
      const app = await createApp(t.db, { organizationId: org.id, granted: ["system/Patient.rs"] });
      await t.db.app.update({ where: { id: app.id }, data: { jwksUrl: `${origin}${path}` } });
      apps[path] = app.id;
    }
    const now = new Date("2026-06-01T00:00:00Z");
    expect(await runKeyChecks(t.db, now, { outbound, rotationDays: 365 })).toBeGreaterThanOrEqual(
      5,
    );

    const good = (await getKeyCheck(t.db, apps["/good"]!))!;
    expect(good.isAnswered).toBe(true);
    expect(good.problems).toEqual([]);
    expect(good.keys.map((k) => [k.kid, k.kty, k.size])).toEqual([
      ["r1", "RSA", 2048],
      ["e1", "EC", 384],
    ]);
    expect(good.keys[0]!.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await codes(apps["/weak"]!)).toEqual(["no_usable_key", "weak_rsa"]);
    expect(await codes(apps["/private"]!)).toEqual(["private_key"]);
    expect(await codes(apps["/duplicate"]!)).toEqual(["duplicate_kid"]);
    expect(await codes(apps["/broken"]!)).toEqual(["invalid_document"]);

    const announced = () =>
      t.db.notification.count({ where: { userId: member.id, kind: "app.key_problem" } });
    expect(await announced()).toBe(4);
    // The same problems found again are not announced again; the same key keeps its first sighting.
    await runKeyChecks(t.db, new Date("2026-06-02T00:00:00Z"), { outbound, rotationDays: 365 });
    expect(await announced()).toBe(4);
    expect((await getKeyCheck(t.db, apps["/good"]!))!.keys[0]!.firstSeenAt).toBe(now.toISOString());

    // A year and more later the good keys are due for rotation.
    await runKeyChecks(t.db, new Date("2027-06-02T00:00:00Z"), { outbound, rotationDays: 365 });
    expect(await codes(apps["/good"]!)).toEqual(["key_too_old"]);

    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runKeyChecks(t.db, new Date("2027-06-03T00:00:00Z"), { outbound, rotationDays: 365 });
    const down = (await getKeyCheck(t.db, apps["/good"]!))!;
    expect(down.isAnswered).toBe(false);
    expect(down.problems.map((p) => p.code)).toEqual(["unreachable"]);
  });

  it("judges a pasted key set without fetching, for the owner or an admin only, and announces once", async () => {
    const org = await createOrganization(t.db);
    const member = await createUser(t.db, { role: "partner", organizationId: org.id });
    const outsider = await createUser(t.db, { role: "partner" });
    const admin = await createUser(t.db, { role: "admin" });
    const reviewer = await createUser(t.db, { role: "reviewer" });
    const weak = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({
      format: "jwk",
    });
    const app = await createApp(t.db, { organizationId: org.id, granted: ["system/Patient.rs"] });
    await t.db.app.update({
      where: { id: app.id },
      data: { jwks: { keys: [{ ...weak, kid: "pasted-weak", alg: "RS384" }] } },
    });
    const now = new Date("2026-07-01T00:00:00Z");

    await expect(checkAppKeysNow(t.db, outsider, { appId: app.id }, { now })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
    await expect(checkAppKeysNow(t.db, reviewer, { appId: app.id }, { now })).rejects.toMatchObject(
      {
        code: "FORBIDDEN",
      },
    );
    await expect(checkAppKeysNow(t.db, member, { appId: "nope" }, { now })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await getKeyCheck(t.db, app.id)).toBeNull();

    const result = await checkAppKeysNow(t.db, member, { appId: app.id }, { now, outbound });
    expect(result.problems.map((p) => p.code).sort()).toEqual(["no_usable_key", "weak_rsa"]);
    expect(await codes(app.id)).toEqual(["no_usable_key", "weak_rsa"]);
    expect((await getKeyCheck(t.db, app.id))!.keys.map((k) => [k.kid, k.size])).toEqual([
      ["pasted-weak", 1024],
    ]);
    const announced = () =>
      t.db.notification.count({ where: { userId: member.id, kind: "app.key_problem" } });
    expect(await announced()).toBe(1);

    // Checking again, by an admin or by the scheduled job, records the same and tells no one again.
    await checkAppKeysNow(t.db, admin, { appId: app.id }, { now, outbound });
    await runKeyChecks(t.db, now, { outbound, rotationDays: 365 });
    expect(await codes(app.id)).toEqual(["no_usable_key", "weak_rsa"]);
    expect(await announced()).toBe(1);
  });
});
