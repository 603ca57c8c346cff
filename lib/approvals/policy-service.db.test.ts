import { describe, expect, it } from "vitest";
import { createApp, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { verifyAuditChain } from "../audit/verify";
import { AppError } from "../errors";
import { DEFAULT_POLICY, type Policy } from "../policy";
import { setupTestDb } from "../testing/setup-test-db";
import { getCurrentPolicy } from "./policy-versions";
import {
  getPolicyInForce,
  getPolicyVersion,
  listPolicyVersions,
  previewPolicyChange,
  savePolicy,
} from "./policy-service";

const t = setupTestDb();
const admin = async () => (await createUser(t.db, { role: "admin" })) as Actor;

/** The default policy with Claim forbidden first: a change that moves patient/Claim.rs from grant to forbidden. */
const noClaims: Policy = {
  ...DEFAULT_POLICY,
  rules: [
    {
      id: "no-claims",
      description: "Claims never leave the payer.",
      outcome: "forbidden",
      match: { resourceTypes: ["Claim"] },
    },
    ...DEFAULT_POLICY.rules,
  ],
};

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const versionNow = async () => (await getCurrentPolicy(t.db)).version;

describe("savePolicy", () => {
  it("saves a new version, in force at once, with an audit event holding before and after", async () => {
    const a = await admin();
    const base = await versionNow();
    const saved = await savePolicy(
      t.db,
      a,
      { policy: noClaims, note: "Claims stay internal", baseVersion: base },
      { ip: "10.1.2.3" },
    );
    expect(saved.version).toBe(base + 1);

    const inForce = await getPolicyInForce(t.db);
    expect(inForce).toMatchObject({
      version: base + 1,
      note: "Claims stay internal",
      createdBy: { id: a.id, email: a.email },
    });
    expect(inForce.policy.rules[0]!.id).toBe("no-claims");

    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "policy.changed", entityId: saved.id },
    });
    expect(event).toMatchObject({ actorId: a.id, entityType: "PolicyVersion", ip: "10.1.2.3" });
    expect(event.before).toEqual({
      version: base,
      policy: JSON.parse(JSON.stringify(DEFAULT_POLICY)),
    });
    expect(event.after).toEqual({
      version: base + 1,
      policy: JSON.parse(JSON.stringify(noClaims)),
      note: "Claims stay internal",
    });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    const history = await listPolicyVersions(t.db);
    expect(history.rows.map((r) => r.version)).toEqual([base + 1, base]);
    expect(history.rows[0]).toMatchObject({
      note: "Claims stay internal",
      createdBy: { email: a.email },
    });
    expect((await getPolicyVersion(t.db, base))?.policy).toEqual(DEFAULT_POLICY);
  });

  it("refuses to save the policy already in force, even with its lists reordered", async () => {
    const base = await versionNow();
    const current = (await getCurrentPolicy(t.db)).policy;
    const reordered: Policy = {
      ...current,
      rules: current.rules.map((r) =>
        r.match.contexts
          ? { ...r, match: { ...r.match, contexts: [...r.match.contexts].reverse() } }
          : r,
      ),
    };
    const error = await failure(
      savePolicy(t.db, await admin(), {
        policy: reordered,
        note: "No change really",
        baseVersion: base,
      }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(/already in force/);
    expect(await versionNow()).toBe(base);
  });

  it("refuses an invalid policy by field, and saves nothing", async () => {
    const base = await versionNow();
    const events = await t.db.auditEvent.count();
    const broken = {
      rules: [
        { ...DEFAULT_POLICY.rules[0]!, description: "  " },
        DEFAULT_POLICY.rules[1]!,
        {
          id: "typo",
          description: "A typo.",
          outcome: "forbidden",
          match: { resourceTypes: ["observation"] },
        },
        { id: "empty", description: "Matches all.", outcome: "grant", match: {} },
      ],
      fallback: "maybe",
    };
    const error = await failure(
      // Deliberately not a policy: savePolicy validates whatever it is given.
      savePolicy(t.db, await admin(), { policy: broken as never, note: "", baseVersion: base }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fieldErrors).toMatchObject({
      "rules.0.description": [expect.stringContaining("description")],
      "rules.2.match.resourceTypes.0": [expect.stringContaining('did you mean "Observation"')],
      "rules.3.match": [expect.stringContaining("at least one condition")],
      fallback: [expect.stringContaining("Outcome must be one of")],
      note: [expect.stringContaining("Say why")],
    });
    expect(await versionNow()).toBe(base);
    expect(await t.db.auditEvent.count()).toBe(events);
  });

  it("is for admins only", async () => {
    const base = await versionNow();
    for (const role of ["partner", "reviewer"] as const) {
      const someone = (await createUser(t.db, { role })) as Actor;
      const error = await failure(
        savePolicy(t.db, someone, { policy: DEFAULT_POLICY, note: "Let me in", baseVersion: base }),
      );
      expect(error.code).toBe("FORBIDDEN");
      expect((await failure(previewPolicyChange(t.db, someone, DEFAULT_POLICY))).code).toBe(
        "FORBIDDEN",
      );
    }
    expect(await versionNow()).toBe(base);
  });

  it("refuses to overwrite a version saved after the editor loaded", async () => {
    const base = await versionNow();
    const error = await failure(
      savePolicy(t.db, await admin(), {
        policy: DEFAULT_POLICY,
        note: "Back to default",
        baseVersion: base - 1,
      }),
    );
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/Someone saved a newer policy/),
    });
    expect(await versionNow()).toBe(base);
  });

  it("lets exactly one of two simultaneous saves win", async () => {
    const [a, b] = [await admin(), await admin()];
    for (let trial = 0; trial < 3; trial++) {
      const base = await versionNow();
      const current = (await getCurrentPolicy(t.db)).policy;
      const variant = (outcome: "grant" | "forbidden"): Policy => ({
        ...current,
        fallback: current.fallback === outcome ? "two_approvers" : outcome,
      });
      const results = await Promise.allSettled([
        savePolicy(t.db, a, {
          policy: variant("grant"),
          note: `A, trial ${trial}`,
          baseVersion: base,
        }),
        savePolicy(t.db, b, {
          policy: variant("forbidden"),
          note: `B, trial ${trial}`,
          baseVersion: base,
        }),
      ]);
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/Someone saved a newer policy while you were editing/),
      });
      expect(await versionNow()).toBe(base + 1);
      expect(
        await t.db.auditEvent.count({
          where: { action: "policy.changed", after: { path: ["version"], equals: base + 1 } },
        }),
      ).toBe(1);
    }
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe("previewPolicyChange", () => {
  it("counts pending requests and grants the draft would classify differently, by app type", async () => {
    const a = await admin();
    const base = await versionNow();
    await savePolicy(t.db, a, {
      policy: DEFAULT_POLICY,
      note: "Start from the default",
      baseVersion: base,
    }).catch(() => undefined);
    await createApp(t.db, {
      granted: ["system/Claim.rs", "system/Patient.rs"],
      pending: ["system/Claim.cud", "system/Coverage.rs"],
    });

    const impact = await previewPolicyChange(t.db, a, noClaims);
    expect(impact.pending).toMatchObject({
      changed: 1,
      examples: [
        expect.objectContaining({
          scope: "system/Claim.cud",
          before: "two_approvers",
          after: "forbidden",
          afterRule: "no-claims",
        }),
      ],
    });
    expect(impact.granted).toMatchObject({
      changed: 1,
      examples: [
        expect.objectContaining({
          scope: "system/Claim.rs",
          before: "one_approver",
          after: "forbidden",
        }),
      ],
    });
    expect(impact.isSampled).toBe(false);

    const sampled = await previewPolicyChange(t.db, a, noClaims, 1);
    expect(sampled).toMatchObject({ isSampled: true, pending: { checked: 1, total: 2 } });
  });

  it("shows the draft's problems instead of a preview", async () => {
    const error = await failure(
      previewPolicyChange(t.db, await admin(), { rules: [], fallback: "sometimes" as never }),
    );
    expect(error).toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { fallback: [expect.any(String)] },
    });
  });
});
