import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { recordAudit } from "../lib/audit/service";
import { setupTestDb } from "../lib/testing/setup-test-db";

const t = setupTestDb();
const run = promisify(execFile);

async function auditVerify() {
  try {
    const { stdout } = await run(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/audit-verify.ts"],
      { env: { ...process.env, DATABASE_URL: t.url } },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

describe("npm run audit:verify", () => {
  it("passes on an intact log and exits non-zero, naming the event, after a row is edited directly", async () => {
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
    const intact = await auditVerify();
    expect(intact).toMatchObject({
      code: 0,
      out: expect.stringContaining("Audit log intact: 3 events"),
    });

    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER sw_audit_no_change`);
    await client.query(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE seq = 2`);
    await client.end();

    const tampered = await auditVerify();
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/TAMPERED/);
    expect(tampered.out).toMatch(/event 2: edited/);
  }, 60_000);
});
