import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../lib/audit/verify";
import { setupTestDb } from "../lib/testing/setup-test-db";
import { hasDemoData, seedDemoData } from "./seed";

const t = setupTestDb();

describe("the demo data", () => {
  it("has partners with apps in varied states, a verifiable audit trail, and loads once", async () => {
    expect(await hasDemoData(t.db)).toBe(false);
    await seedDemoData(t.db);
    expect(await hasDemoData(t.db)).toBe(true);
    const states = new Set((await t.db.appScope.findMany({ select: { state: true } })).map((s) => s.state));
    expect([...states].sort()).toEqual(["denied", "granted", "pending", "revoked"]);
    expect(await t.db.app.count({ where: { status: "suspended" } })).toBe(1);
    expect(await t.db.organization.count()).toBe(3);
    const twoPerson = await t.db.appScope.findFirstOrThrow({ where: { scope: "system/Task.cu" }, include: { decisions: true } });
    expect(twoPerson).toMatchObject({ state: "pending", approvalsRequired: 2 });
    expect(twoPerson.decisions).toHaveLength(1);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
