import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getAuditKeys, publicKeyPem } from "../lib/audit/keys";
import { createAuditCheckpoint } from "../lib/audit/make-checkpoint";
import { recordAudit } from "../lib/audit/service";
import { asAttacker } from "../lib/audit/tamper.test-util";
import { setupTestDb } from "../lib/testing/setup-test-db";

const t = setupTestDb();
const run = promisify(execFile);

async function cli(script: string, ...args: string[]) {
  try {
    const { stdout } = await run(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), script, ...args],
      { env: { ...process.env, DATABASE_URL: t.url } },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

describe("npm run audit:verify", () => {
  it("passes an intact log held against its checkpoint, and exits 1 naming the first damaged event and the kind", async () => {
    for (let i = 0; i < 3; i++) {
      await t.db.$transaction((tx) =>
        recordAudit(tx, {
          actor: { type: "system", label: "test" },
          action: "test.event",
          entityType: "Thing",
          after: { i },
        }),
      );
    }
    const checkpoint = await cli("scripts/audit-checkpoint.ts");
    expect(checkpoint).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Checkpoint 3 \(new\)/),
    });

    const intact = await cli("scripts/audit-verify.ts");
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(
      /^Audit log intact: 3 events, head 3 [0-9a-f]{16}…, held against checkpoint 3 /,
    );

    // A verifier elsewhere, with the public key and a copy of the checkpoint file only.
    const pem = path.join(await mkdtemp(path.join(tmpdir(), "scopewarden-pem-")), "audit.pem");
    await writeFile(pem, publicKeyPem(getAuditKeys().publicKey));
    const file = (await createAuditCheckpoint(t.db)).file!;
    expect(
      await cli("scripts/audit-verify.ts", "--checkpoint", file, "--public-key", pem),
    ).toMatchObject({
      code: 0,
    });

    await asAttacker(t.url, async (a) => {
      await a.sql(`DELETE FROM "AuditEvent" WHERE seq = 3`);
      await a.sql(`DELETE FROM "AuditCheckpoint"`);
    });
    const tampered = await cli("scripts/audit-verify.ts");
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain(
      "Audit log TAMPERED: first damage at event 3: truncated — the log ends at event 2 but a signed checkpoint shows 3 events",
    );
  }, 120_000);

  it("refuses unknown arguments with the usage, exit 2", async () => {
    const bad = await cli("scripts/audit-verify.ts", "--checkpoint");
    expect(bad.code).toBe(2);
    expect(bad.out).toContain("usage: npm run audit:verify");
  }, 60_000);
});
