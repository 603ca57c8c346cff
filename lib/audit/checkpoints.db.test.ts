import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createUser } from "../../prisma/factories";
import { createPrismaClient } from "../database/client";
import { setupTestDb } from "../testing/setup-test-db";
import type { Actor } from "../actor";
import { announceAuditCheckpoint } from "../webhooks/outbox";
import { deriveWebhookKey } from "../webhooks/secrets";
import { createWebhookEndpoint } from "../webhooks/service";
import { readHeldCheckpoint } from "./checkpoints";
import { auditKeysFrom, getAuditKeys, publicKeyPem } from "./keys";
import { AuditChainBrokenError, createAuditCheckpoint } from "./make-checkpoint";
import { recordAudit } from "./service";
import { asAttacker } from "./tamper.test-util";
import { verifyAuditChain } from "./verify";

const t = setupTestDb();
const actor = { type: "system" as const, label: "test" };
const record = (n = 1) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      t.db.$transaction(
        (tx) => recordAudit(tx, { actor, action: "test.event", entityType: "Thing", after: { i } }),
        { maxWait: 20_000 },
      ),
    ),
  );
const newDir = () => mkdtemp(path.join(tmpdir(), "scopewarden-checkpoints-"));
const checkpointDeliveries = () =>
  t.db.webhookDelivery.findMany({ where: { eventType: "audit.checkpoint" } });

describe("audit checkpoints", () => {
  it("are made once per head position, by one instance of several, each announced by one webhook to admins only", async () => {
    const key = deriveWebhookKey("checkpoint-test-key-material-32-chars!");
    const admin = (await createUser(t.db, { role: "admin" })) as Actor;
    const adminEndpoint = await createWebhookEndpoint(
      t.db,
      admin,
      { url: "https://audit-copies.example/hook", events: ["audit.checkpoint"] },
      { key },
    );
    const partner = (await createUser(t.db, { role: "partner" })) as Actor;
    await expect(
      createWebhookEndpoint(
        t.db,
        partner,
        { url: "https://partner.example/hook", events: ["audit.checkpoint"] },
        { key },
      ),
    ).rejects.toThrow(/audit\.checkpoint goes to the portal's own endpoints only/);
    await record(3);

    const [dirA, dirB] = [await newDir(), await newDir()];
    const other = createPrismaClient(t.url, { poolSize: 2 });
    const outcomes = await Promise.all([
      createAuditCheckpoint(t.db, { dir: dirA, announce: announceAuditCheckpoint }),
      createAuditCheckpoint(other, { dir: dirB, announce: announceAuditCheckpoint }),
    ]);
    await other.$disconnect();
    const head = String(await t.db.auditEvent.count());
    expect(outcomes.map((o) => o.status).sort()).toEqual(["created", "current"]);
    expect(await t.db.auditCheckpoint.findMany({ select: { seq: true } })).toEqual([
      { seq: BigInt(head) },
    ]);
    const deliveries = await checkpointDeliveries();
    expect(deliveries.map((d) => d.endpointId)).toEqual([adminEndpoint.endpoint.id]);
    expect(deliveries[0]!.payload).toMatchObject({
      type: "audit.checkpoint",
      data: { format: "scopewarden-audit-checkpoint/1", seq: head, keyId: getAuditKeys().keyId },
    });
    for (const dir of [dirA, dirB]) {
      const held = await readHeldCheckpoint(dir, getAuditKeys());
      expect(held).toMatchObject({ checkpoint: { seq: head }, problems: [] });
    }

    // Nothing moved: no new row, no new webhook.
    expect(
      (await createAuditCheckpoint(t.db, { dir: dirA, announce: announceAuditCheckpoint })).status,
    ).toBe("current");
    expect(await checkpointDeliveries()).toHaveLength(1);

    // The head moved: the next one follows, announced once more.
    await record(2);
    const next = await createAuditCheckpoint(t.db, {
      dir: dirA,
      announce: announceAuditCheckpoint,
    });
    expect(next).toMatchObject({
      status: "created",
      checkpoint: { seq: String(Number(head) + 2) },
    });
    expect(await checkpointDeliveries()).toHaveLength(2);
    expect((await readdir(dirA)).sort()).toHaveLength(2);
  });

  it("can be checked by a verifier that holds only the public key", async () => {
    const dir = await newDir();
    await record();
    const { file } = await createAuditCheckpoint(t.db, { dir });
    const keys = getAuditKeys();
    const verifierKeys = auditKeysFrom({
      hmacSecret: process.env.AUDIT_HMAC_KEY!,
      publicKeyPem: publicKeyPem(keys.publicKey),
    });
    expect(verifierKeys).toMatchObject({ keyId: keys.keyId, signingKey: undefined });
    expect(await verifyAuditChain(t.db, { keys: verifierKeys, checkpoints: file })).toMatchObject({
      ok: true,
    });

    // A file edited by hand (say, to match a shortened log) no longer verifies, and says so.
    const doc = JSON.parse(await readFile(file!, "utf8"));
    await writeFile(file!, JSON.stringify({ ...doc, seq: "1" }));
    const result = await verifyAuditChain(t.db, { keys: verifierKeys, checkpoints: file });
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        problem: "checkpoint",
        detail: expect.stringContaining("its signature does not verify"),
      }),
    );
  });

  it("refuse to sign a log that no longer extends the last checkpoint, even with the database's copies gone", async () => {
    const dir = await newDir();
    await record(3);
    const signed = await createAuditCheckpoint(t.db, { dir });
    const head = Number(signed.checkpoint!.seq);
    await asAttacker(t.url, async (a) => {
      await a.sql(`DELETE FROM "AuditEvent" WHERE seq >= $1`, [head - 1]);
      await a.sql(`DELETE FROM "AuditCheckpoint"`);
    });
    await record(); // the portal carries on writing, from the shortened head
    const refused = await createAuditCheckpoint(t.db, { dir }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuditChainBrokenError);
    expect((refused as AuditChainBrokenError).first).toMatchObject({
      seq: String(head),
      problem: "truncated",
    });
    // Once the log grows past the signed head again, the event there is not the signed one.
    await record(2);
    const later = await createAuditCheckpoint(t.db, { dir }).catch((e: unknown) => e);
    expect((later as AuditChainBrokenError).first).toMatchObject({
      seq: String(head),
      problem: "rehashed",
      detail: expect.stringContaining("differs from the signed checkpoint"),
    });
    expect(await t.db.auditCheckpoint.count()).toBe(0);
  });
});
