import { describe, expect, it } from "vitest";
import { createApp, createOrganization } from "../../prisma/factories";
import type { Prisma } from "../generated/prisma/client";
import type { RiskLevel } from "../generated/prisma/enums";
import { countRows } from "../tables/count";
import { encodeCursor } from "../tables/keyset";
import { idsOf, walkBackward, walkForward } from "../testing/keyset";
import { setupTestDb } from "../testing/setup-test-db";
import { findKeysetPage } from "../tables/keyset-page";
import {
  findApprovalQueue,
  queueKeyset,
  queueWhere,
  type QueueFilters,
  type QueueSort,
} from "./queue";
import { Prisma as P } from "../generated/prisma/client";

const t = setupTestDb();
const RISKS: RiskLevel[] = ["low", "medium", "high", "critical"];
const TYPES = ["Patient", "Observation", "Condition", "Encounter", "Coverage", "Claim", "Task"];
const base = Date.parse("2026-01-01T00:00:00Z");

/** Pending requests across apps with clashing names, shared timestamps and every risk level. */
async function seedQueue(tag: string) {
  const orgA = await createOrganization(t.db, { name: `${tag} Alder` });
  const orgB = await createOrganization(t.db, { name: `${tag} Birch` });
  const apps = [
    await createApp(t.db, { organizationId: orgA.id, name: `${tag} Alpha` }),
    await createApp(t.db, { organizationId: orgB.id, name: `${tag} Alpha` }),
    await createApp(t.db, { organizationId: orgB.id, name: `${tag} Charlie` }),
  ];
  const data: Prisma.AppScopeCreateManyInput[] = [];
  apps.forEach((app, a) =>
    TYPES.forEach((type, i) =>
      ["rs", "cud", "cruds"].forEach((perm, j) => {
        const n = a * 21 + i * 3 + j;
        data.push({
          appId: app.id,
          scope: `${j === 0 ? "user" : "system"}/${type}.${perm}`,
          requested: `${type}.${perm}`,
          state: n % 9 === 4 ? "granted" : "pending",
          risk: RISKS[n % 4]!,
          policyOutcome: "one_approver",
          approvalsRequired: n % 5 === 0 ? 2 : 1,
          // Every third request shares its timestamp with the one before (one registration).
          createdAt: new Date(
            base + Math.floor(n / 3) * 2 * 60_000 + (n % 3 === 2 ? 0 : 1000 * (n % 3)),
          ),
        });
      }),
    ),
  );
  await t.db.appScope.createMany({ data });
  return { orgA, orgB, apps, q: tag };
}

/** The order each sort promises, written independently with Prisma's orderBy. */
function oracleOrder(sort: QueueSort, desc: boolean): Prisma.AppScopeOrderByWithRelationInput[] {
  const dir = desc ? "desc" : "asc";
  const older = desc ? "asc" : "desc";
  switch (sort) {
    case "due":
      return [{ dueAt: dir }, { id: dir }];
    case "waiting":
      return [{ createdAt: older }, { id: dir }];
    case "risk":
      return [{ risk: dir }, { createdAt: older }, { id: dir }];
    case "app":
      return [{ app: { name: dir } }, { app: { id: dir } }, { createdAt: older }, { id: dir }];
    case "partner":
      return [
        { app: { organization: { name: dir } } },
        { app: { organization: { id: dir } } },
        { createdAt: older },
        { id: dir },
      ];
  }
}

async function expected(
  q: string,
  sort: QueueSort,
  desc: boolean,
  where: Prisma.AppScopeWhereInput = {},
) {
  const rows = await t.db.appScope.findMany({
    where: { state: "pending", app: { name: { startsWith: q } }, ...where },
    orderBy: oracleOrder(sort, desc),
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

const pager =
  (q: string, sort: QueueSort, desc: boolean, filters: QueueFilters = {}, perPage = 10) =>
  (at: { page: number; cursor: string | null }) =>
    findApprovalQueue(t.db, { ...at, perPage, q, sort: { id: sort, desc }, ...filters });

/**
 * The same pages read as for a large queue: with the count's exact limit lowered the count is an
 * estimate and each page walks the sort's index (small sets are collected and sorted instead).
 */
const largePager =
  (q: string, sort: QueueSort, desc: boolean, filters: QueueFilters = {}, perPage = 10) =>
  async (at: { page: number; cursor: string | null }) => {
    const spec = {
      ...queueKeyset({ q, sort: { id: sort, desc }, ...filters }),
      exactCountLimit: 3,
    };
    const { ids, frame } = await findKeysetPage(t.db, spec, { ...at, perPage });
    return { ...frame, rows: ids.map((id) => ({ id })) };
  };

describe("the approval queue, paged by keyset", () => {
  it("walks every sort both ways, page by page, in the promised order with nothing skipped or repeated", async () => {
    const { q } = await seedQueue("Walk");
    for (const sort of ["due", "waiting", "risk", "app", "partner"] as const) {
      for (const desc of [false, true]) {
        const order = await expected(q, sort, desc);
        const forward = await walkForward(pager(q, sort, desc));
        expect(idsOf(forward), `${sort} ${desc ? "desc" : "asc"}`).toEqual(order);
        expect(forward.map((p) => p.page)).toEqual(forward.map((_, i) => i + 1));
        expect(forward.map((p) => p.rows.length)).toEqual(
          forward.map((_, i) => Math.min(10, order.length - i * 10)),
        );
        expect(forward.at(-1)).toMatchObject({
          total: order.length,
          hasNext: false,
          isTotalEstimated: false,
        });
        const backward = await walkBackward(pager(q, sort, desc));
        expect(backward.map((p) => p.rows.map((r) => r.id))).toEqual(
          forward.map((p) => p.rows.map((r) => r.id)),
        );
        expect(backward[0]).toMatchObject({ page: 1, hasPrev: false });
        const large = await walkForward(largePager(q, sort, desc));
        expect(large[0]!.isTotalEstimated).toBe(true);
        expect(idsOf(large), `${sort} ${desc ? "desc" : "asc"}, index walk`).toEqual(order);
        expect(idsOf(await walkBackward(largePager(q, sort, desc)))).toEqual(order);
      }
    }
  });

  it("jumps to a page number, and past the end to the last page", async () => {
    const { q } = await seedQueue("Jump");
    const order = await expected(q, "risk", true);
    const third = await pager(q, "risk", true)({ page: 3, cursor: null });
    expect(third.rows.map((r) => r.id)).toEqual(order.slice(20, 30));
    expect(third).toMatchObject({ page: 3, hasPrev: true, hasNext: true });
    const beyond = await pager(q, "risk", true)({ page: 999, cursor: null });
    expect(beyond.rows.map((r) => r.id)).toEqual(order.slice(50));
    expect(beyond).toMatchObject({ page: 6, pageCount: 6, hasNext: false });
  });

  it("applies the filters with the sort, and counts what they match", async () => {
    const { q, orgB } = await seedQueue("Filter");
    const cases: [QueueFilters, Prisma.AppScopeWhereInput][] = [
      [{ risk: "high" }, { risk: "high" }],
      [{ context: "system" }, { scope: { startsWith: "system/" } }],
      [
        { organizationId: orgB.id, twoPerson: true },
        { app: { organizationId: orgB.id }, approvalsRequired: { gte: 2 } },
      ],
    ];
    for (const [filters, where] of cases)
      for (const [sort, desc] of [
        ["app", false],
        ["risk", true],
        ["waiting", false],
      ] as const) {
        const order = await expected(q, sort, desc, where);
        expect(order.length).toBeGreaterThan(0);
        const pages = await walkForward(pager(q, sort, desc, filters, 4));
        expect(idsOf(pages), `${sort} ${JSON.stringify(filters)}`).toEqual(order);
        expect(pages[0]!.total).toBe(order.length);
        const large = await walkBackward(largePager(q, sort, desc, filters, 4));
        expect(idsOf(large), `${sort} ${JSON.stringify(filters)}, index walk`).toEqual(order);
      }
    const searched = await pager("Filter Charlie", "waiting", true)({ page: 1, cursor: null });
    expect(searched.rows.every((r) => r.app.name === "Filter Charlie")).toBe(true);
    const literal = await pager("Filter_Charlie", "waiting", true)({ page: 1, cursor: null });
    expect(literal.total).toBe(0); // "_" is a character to match, not a wildcard
  });

  it("keeps page boundaries while requests arrive and are decided elsewhere", async () => {
    const { q, apps } = await seedQueue("Live");
    const fetch = pager(q, "waiting", true);
    const first = await fetch({ page: 1, cursor: null });
    const before = new Set(await expected(q, "waiting", true));
    const seen = first.rows.map((r) => r.id);
    // Decide a row on the first page, its last row (the cursor's own), and rows further on;
    // and add requests both older than the boundary (they belong to page 1 now) and newer.
    const later = [...before].filter((id) => !seen.includes(id)).slice(3, 8);
    const decided = [seen[2]!, seen.at(-1)!, ...later];
    await t.db.appScope.updateMany({ where: { id: { in: decided } }, data: { state: "granted" } });
    await t.db.appScope.createMany({
      data: ["system/Device.rs", "system/Goal.rs"].map((scope, i) => ({
        appId: apps[i]!.id,
        scope,
        requested: scope,
        state: "pending" as const,
        risk: "high" as const,
        policyOutcome: "one_approver" as const,
        createdAt: new Date(i === 0 ? base - 60_000 : base + 10 * 86_400_000),
      })),
    });
    let page = await fetch({ page: 2, cursor: first.cursors!.next });
    const rest = page.rows.map((r) => r.id);
    while (page.hasNext) {
      page = await fetch({ page: page.page + 1, cursor: page.cursors!.next });
      rest.push(...page.rows.map((r) => r.id));
    }
    const stillPending = [...before].filter((id) => !decided.includes(id));
    const onPageOne = new Set(seen);
    expect(new Set([...seen, ...rest]).size).toBe(seen.length + rest.length); // nothing twice
    for (const id of stillPending) expect(onPageOne.has(id) || rest.includes(id)).toBe(true);
    for (const id of later) expect(rest).not.toContain(id);
    const added = await t.db.appScope.findMany({
      where: {
        scope: { in: ["system/Device.rs", "system/Goal.rs"] },
        app: { name: { startsWith: q } },
      },
    });
    const older = added.find((a) => a.scope === "system/Device.rs")!;
    const newer = added.find((a) => a.scope === "system/Goal.rs")!;
    expect(rest).not.toContain(older.id); // it sorts before the boundary: page 1 shows it now
    expect(rest.at(-1)).toBe(newer.id);
    // Previous from page 2 still works although the row its cursor names is decided.
    const second = await fetch({ page: 2, cursor: first.cursors!.next });
    const back = await fetch({ page: 1, cursor: second.cursors!.prev });
    expect(back.rows.map((r) => r.id)).toContain(older.id);
  });

  it("ignores a malformed or foreign cursor: the page number alone decides", async () => {
    const { q } = await seedQueue("Cursor");
    const fetch = pager(q, "risk", true);
    const first = await fetch({ page: 1, cursor: null });
    const third = await fetch({ page: 3, cursor: null });
    const foreign = encodeCursor("app.asc", "after", ["x", "y", "z", "w"]);
    const nul = encodeCursor("app.asc", "after", [
      "a\u0000b",
      first.rows[0]!.app.id,
      "2026-01-01T00:00:00.000Z",
      first.rows[0]!.id,
    ]);
    const wrongTypes = encodeCursor("risk.desc", "after", [
      "critical'; DROP TABLE x;--",
      "now",
      "1",
    ]);
    for (const cursor of [
      "garbage",
      "%%%",
      foreign,
      wrongTypes,
      first.cursors!.next!.slice(0, 12),
    ]) {
      const page = await fetch({ page: 1, cursor });
      expect(page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
      expect((await fetch({ page: 3, cursor })).rows.map((r) => r.id)).toEqual(
        third.rows.map((r) => r.id),
      );
    }
    // A text key with a NUL (PostgreSQL cannot compare one) is refused, not sent to the database.
    const byApp = pager(q, "app", false);
    const appFirst = await byApp({ page: 1, cursor: null });
    expect((await byApp({ page: 1, cursor: nul })).rows.map((r) => r.id)).toEqual(
      appFirst.rows.map((r) => r.id),
    );
  });
});

describe("counting a table", () => {
  it("is exact up to the threshold and the planner's estimate beyond it", async () => {
    const { q } = await seedQueue("Count");
    const from = P.sql`"AppScope" s JOIN "App" a ON a."id" = s."appId" JOIN "Organization" o ON o."id" = a."organizationId"`;
    const where = queueWhere({ q });
    const exact = await countRows(t.db, from, where);
    expect(exact).toEqual({
      total: (await expected(q, "waiting", true)).length,
      isEstimated: false,
    });
    const estimated = await countRows(t.db, from, where, 5);
    expect(estimated.isEstimated).toBe(true);
    expect(estimated.total).toBeGreaterThanOrEqual(6);
  });
});
