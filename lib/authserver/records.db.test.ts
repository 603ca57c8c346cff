// The authorization server's table: expired rows are invisible at once and pruned by the job;
// consumed rows say so; revoking a grant removes everything issued under it.
import { describe, expect, it } from "vitest";
import { setupTestDb } from "../testing/setup-test-db";
import { createAdapterFactory } from "./adapter";
import { deriveEncryptionKey } from "./keys";
import { authServerPruneJob, findLaunchContext, hashId, saveLaunchContext } from "./records";

const t = setupTestDb();
const adapterFor = (kind: string) =>
  createAdapterFactory(t.db, {
    encryptionKey: deriveEncryptionKey("k".repeat(40)),
    isRegistering: () => false,
    clientIdTaken: () => new Error("taken"),
  })(kind);

describe("AuthServerRecord", () => {
  it("hides expired rows and the prune job deletes only those", async () => {
    const codes = adapterFor("AuthorizationCode");
    await codes.upsert("live-code", { jti: "live-code", grantId: "g1" }, 60);
    await codes.upsert("old-code", { jti: "old-code" }, 60);
    await t.db.authServerRecord.updateMany({
      where: { kind: "AuthorizationCode", idHash: hashId("old-code") },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await codes.find("live-code")).toMatchObject({ jti: "live-code", grantId: "g1" });
    expect(await codes.find("old-code")).toBeUndefined();
    await authServerPruneJob.run({ db: t.db, now: () => new Date() });
    expect(await t.db.authServerRecord.count({ where: { kind: "AuthorizationCode" } })).toBe(1);
  });

  it("marks consumed rows, finds sessions by uid, and revokes by grant", async () => {
    const codes = adapterFor("AuthorizationCode");
    await codes.upsert("code-2", { jti: "code-2", grantId: "g2" }, 60);
    await codes.consume("code-2");
    expect((await codes.find("code-2"))?.consumed).toEqual(expect.any(Number));

    const sessions = adapterFor("Session");
    await sessions.upsert("session-id", { jti: "session-id", uid: "uid-1", accountId: "a" }, 60);
    expect(await sessions.findByUid("uid-1")).toMatchObject({ jti: "session-id", accountId: "a" });
    expect(JSON.stringify(await t.db.authServerRecord.findMany())).not.toContain("session-id");

    await saveLaunchContext(t.db, "g2", { patient: "p1" }, new Date(Date.now() + 60_000));
    expect(await findLaunchContext(t.db, "g2")).toEqual({ patient: "p1" });
    await codes.revokeByGrantId("g2");
    expect(await codes.find("code-2")).toBeUndefined();
    expect(await findLaunchContext(t.db, "g2")).toBeNull();
  });
});
