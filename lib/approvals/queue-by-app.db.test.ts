import { describe, expect, it } from "vitest";
import { createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { registerApp } from "../apps/service";
import { AppError } from "../errors";
import { idsOf, walkBackward, walkForward } from "../testing/keyset";
import { setupTestDb } from "../testing/setup-test-db";
import { assignRequestSet } from "./assign";
import { remindAndEscalate } from "./deadline-job";
import { decideRequestSet } from "./decide-set";
import { findAppQueue, type AppQueueFilters, type AppQueueSort } from "./queue-by-app";
import { deleteQueueFilter, findQueueFilters, saveQueueFilter } from "./saved-filters";

const t = setupTestDb();
const ctx = { appUrl: "http://portal.test" };
const admin = async () => (await createUser(t.db, { role: "admin" })) as Actor;
const partner = async () => (await createUser(t.db, { role: "partner" })) as Actor;

const PAYER = [
  "system/Patient.rs",
  "system/Coverage.rs",
  "system/ExplanationOfBenefit.rs",
  "system/Condition.rs",
  "system/MedicationRequest.rs",
  "system/Encounter.rs",
];

async function payerApp(owner: Actor, extra: string[] = [], at = new Date()) {
  const name = `Payer ${Math.random().toString(36).slice(2, 8)}`;
  const { appId } = await registerApp(
    t.db,
    owner,
    {
      details: {
        name,
        appType: "backend",
        clientType: "backend",
        launchModes: [],
        redirectUris: "",
        jwksUrl: "https://payer.example.com/jwks",
      },
      scopes: [...PAYER.slice(0, 5), ...extra].join(" "),
      templateKey: "payer-to-payer",
      justification: "CMS-0057-F payer-to-payer exchange",
    },
    at,
  );
  return { appId, name };
}

const queue = (
  q: string,
  extra: AppQueueFilters & { sort?: { id: AppQueueSort; desc: boolean } } = {},
  now = new Date(),
) =>
  findAppQueue(
    t.db,
    { page: 1, perPage: 25, cursor: null, q, sort: { id: "due", desc: false }, ...extra },
    now,
  );

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("the queue by app", () => {
  it("shows one row per app: its scopes as a diff from the template, the risk summary, the lints once and a due date", async () => {
    const owner = await partner();
    const watcher = await admin();
    const requestedAt = new Date("2026-11-23T15:00:00Z");
    const { appId, name } = await payerApp(owner, ["system/Claim.cruds"], requestedAt);
    const page = await queue(name, {}, new Date("2026-11-24T09:00:00Z"));
    expect(page.rows).toHaveLength(1);
    const row = page.rows[0]!;
    expect(row).toMatchObject({ id: appId, name, template: { key: "payer-to-payer" } });
    expect(row.scopes.map((s) => s.scope).sort()).toEqual(
      [...PAYER.slice(0, 5), "system/Claim.cruds"].sort(),
    );
    expect(row.scopes.filter((s) => s.isBeyondTemplate).map((s) => s.scope)).toEqual([
      "system/Claim.cruds",
    ]);
    expect(row.leftOut).toEqual(["system/Encounter.rs"]);
    expect(Object.values(row.riskCounts).reduce((a, b) => a + b, 0)).toBe(6);
    // System scopes: 15 business days, past Thanksgiving: Mon 23 Nov -> Tue 15 Dec.
    expect(row.dueAt).toEqual(new Date("2026-12-15T15:00:00Z"));
    expect(row.deadline).toBe("on_track");
    // Lints are about the app, listed once for the row (not once per scope).
    const rules = row.lints.map((l) => `${l.rule}:${l.message}`);
    expect(new Set(rules).size).toBe(rules.length);
    // Every admin was told the requests arrived.
    const told = await t.db.notification.findMany({
      where: { userId: watcher.id, kind: "approval.requested" },
    });
    expect(told.some((n) => n.title.includes(name) && n.body.includes("Due Tue 15 Dec 2026"))).toBe(
      true,
    );
  });

  it("approves a whole app in one step; two-person scopes wait for a second admin, who is asked", async () => {
    const owner = await partner();
    const first = await admin();
    const second = await admin();
    const { appId, name } = await payerApp(owner, ["system/Claim.cud"]);
    const [row] = (await queue(name)).rows;
    const ids = row!.scopes.map((s) => s.id);
    const result = await decideRequestSet(
      t.db,
      first,
      { appId, kind: "approve", appScopeIds: ids },
      ctx,
    );
    expect(result.done.filter((d) => d.outcome === "granted")).toHaveLength(5);
    expect(result.done.filter((d) => d.outcome === "approval_recorded")).toHaveLength(1);
    const remaining = (await queue(name)).rows[0]!;
    expect(remaining.scopes.map((s) => s.scope)).toEqual(["system/Claim.cud"]);
    expect(
      await t.db.notification.count({
        where: { userId: second.id, kind: "approval.second_wanted", title: { contains: name } },
      }),
    ).toBe(1);
    // The first admin cannot be the second approver, from the grouped view either.
    expect(
      (await failure(decideRequestSet(t.db, first, { appId, kind: "approve", appScopeIds: ids })))
        .code,
    ).toBe("CONFLICT");
    const after = await decideRequestSet(
      t.db,
      second,
      { appId, kind: "approve", appScopeIds: ids },
      ctx,
    );
    expect(after.done.map((d) => d.outcome)).toEqual(["granted"]);
    expect((await queue(name)).rows).toHaveLength(0);
    expect(await t.db.appScope.count({ where: { appId, state: "granted" } })).toBe(6);
  });

  it("denies a whole app with one reason, or nothing when one request cannot be decided", async () => {
    const owner = await partner();
    const me = await admin();
    const { appId, name } = await payerApp(owner);
    const ids = (await queue(name)).rows[0]!.scopes.map((s) => s.id);
    expect(
      (await failure(decideRequestSet(t.db, me, { appId, kind: "deny", appScopeIds: ids }))).code,
    ).toBe("INVALID_INPUT");
    await decideRequestSet(
      t.db,
      me,
      { appId, kind: "deny", appScopeIds: ids, reason: "Not a payer" },
      ctx,
    );
    expect(await t.db.appScope.count({ where: { appId, state: "denied" } })).toBe(5);
    expect(
      (await failure(decideRequestSet(t.db, me, { appId, kind: "approve", appScopeIds: ids })))
        .code,
    ).toBe("CONFLICT");
  });

  it("assigns a request set to an admin, shows and filters by the assignee, and tells them", async () => {
    const owner = await partner();
    const me = await admin();
    const colleague = await admin();
    const { appId, name } = await payerApp(owner);
    await assignRequestSet(t.db, me, { appId, assigneeId: colleague.id });
    expect((await queue(name)).rows[0]!.assignee).toEqual({
      id: colleague.id,
      name: colleague.name,
    });
    expect((await queue(name, { assigneeId: colleague.id })).rows).toHaveLength(1);
    expect((await queue(name, { assigneeId: me.id })).rows).toHaveLength(0);
    expect((await queue(name, { assigneeId: "none" })).rows).toHaveLength(0);
    expect(
      await t.db.notification.count({ where: { userId: colleague.id, kind: "approval.assigned" } }),
    ).toBe(1);
    expect((await failure(assignRequestSet(t.db, me, { appId, assigneeId: owner.id }))).code).toBe(
      "INVALID_INPUT",
    );
    await assignRequestSet(t.db, me, { appId, assigneeId: null });
    expect((await queue(name)).rows[0]!.assignee).toBeNull();
  });

  it("keeps saved filters per admin beside the presets", async () => {
    const me = await admin();
    const other = await admin();
    const saved = await saveQueueFilter(t.db, me, {
      name: "Mine, overdue",
      query: "?assignee=me&due=overdue&page=3",
    });
    expect(saved.query).toBe("assignee=me&due=overdue");
    expect((await findQueueFilters(t.db, me)).map((f) => f.name)).toEqual([
      "My critical",
      "Payer-to-payer",
      "Overdue",
      "Mine, overdue",
    ]);
    expect((await findQueueFilters(t.db, other)).map((f) => f.name)).not.toContain("Mine, overdue");
    expect(
      (await failure(saveQueueFilter(t.db, me, { name: "Mine, overdue", query: "" }))).code,
    ).toBe("CONFLICT");
    expect((await failure(deleteQueueFilter(t.db, other, { id: saved.id! }))).code).toBe(
      "NOT_FOUND",
    );
    await deleteQueueFilter(t.db, me, { id: saved.id! });
    expect(await findQueueFilters(t.db, me)).toHaveLength(3);
  });
});

describe("deadlines with an injected clock", () => {
  it("moves a due date to overdue, reminds the assignee once and escalates to every admin once", async () => {
    const owner = await partner();
    const assignee = await admin();
    const bystander = await admin();
    const requestedAt = new Date("2026-11-23T15:00:00Z");
    const { appId, name } = await payerApp(owner, [], requestedAt);
    await assignRequestSet(t.db, bystander, { appId, assigneeId: assignee.id });
    const dueAt = new Date("2026-12-15T15:00:00Z");

    const early = new Date("2026-12-01T12:00:00Z");
    expect((await queue(name, {}, early)).rows[0]!.deadline).toBe("on_track");
    expect((await queue(name, { due: "overdue" }, early)).rows).toHaveLength(0);

    const dayBefore = new Date("2026-12-14T16:00:00Z");
    expect((await queue(name, {}, dayBefore)).rows[0]!.deadline).toBe("due_soon");
    expect((await queue(name, { due: "soon" }, dayBefore)).rows).toHaveLength(1);
    await remindAndEscalate(t.db, dayBefore);
    await remindAndEscalate(t.db, dayBefore);
    const reminders = (userId: string) =>
      t.db.notification.count({
        where: { userId, kind: "approval.due_soon", title: { contains: name } },
      });
    expect(await reminders(assignee.id)).toBe(1);
    expect(await reminders(bystander.id)).toBe(0);

    const late = new Date(dueAt.getTime() + 60_000);
    const overdueRow = (await queue(name, { due: "overdue" }, late)).rows[0]!;
    expect(overdueRow.deadline).toBe("overdue");
    await remindAndEscalate(t.db, late);
    await remindAndEscalate(t.db, late);
    const escalations = (userId: string) =>
      t.db.notification.count({
        where: { userId, kind: "approval.overdue", title: { contains: name } },
      });
    expect(await escalations(assignee.id)).toBe(1);
    expect(await escalations(bystander.id)).toBe(1);
  });

  it("sorts the queue by due date, soonest first", async () => {
    const owner = await partner();
    const tag = `Due${Math.random().toString(36).slice(2, 6)}`;
    const made = [];
    for (const at of ["2026-11-02T10:00:00Z", "2026-10-05T10:00:00Z", "2026-11-16T10:00:00Z"]) {
      const app = await payerApp(owner, [], new Date(at));
      await t.db.app.update({ where: { id: app.appId }, data: { name: `${tag} ${app.name}` } });
      made.push({ ...app, at });
    }
    const rows = (await queue(tag)).rows;
    const byAt = [...made].sort((a, b) => a.at.localeCompare(b.at)).map((m) => m.appId);
    expect(rows.map((r) => r.id)).toEqual(byAt);
    const desc = (await queue(tag, { sort: { id: "due", desc: true } })).rows;
    expect(desc.map((r) => r.id)).toEqual([...byAt].reverse());
  });

  it("pages request sets by keyset in every sort, both ways, nothing skipped or repeated", async () => {
    const owner = await partner();
    const tag = `Walk${Math.random().toString(36).slice(2, 6)}`;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Pairs share a registration time: ties break on the app id.
      const app = await payerApp(owner, [], new Date(Date.UTC(2026, 9, 1 + Math.floor(i / 2))));
      await t.db.app.update({ where: { id: app.appId }, data: { name: `${tag} ${i % 3}` } });
      ids.push(app.appId);
    }
    for (const sort of ["due", "waiting", "risk", "app", "partner"] as const) {
      for (const desc of [false, true]) {
        const fetch = (at: { page: number; cursor: string | null }) =>
          findAppQueue(t.db, { ...at, perPage: 2, q: tag, sort: { id: sort, desc } });
        const forward = idsOf(await walkForward(fetch));
        expect(forward.sort(), `${sort} ${desc}`).toEqual([...ids].sort());
        const all = (
          await findAppQueue(t.db, {
            page: 1,
            perPage: 25,
            cursor: null,
            q: tag,
            sort: { id: sort, desc },
          })
        ).rows.map((r) => r.id);
        expect(idsOf(await walkForward(fetch)), `${sort} ${desc} forward`).toEqual(all);
        expect(idsOf(await walkBackward(fetch)), `${sort} ${desc} backward`).toEqual(all);
      }
    }
  });
});
