import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { setupTestDb } from "../testing/setup-test-db";
import { AUDIT_CSV_HEADER, auditCsvChunks, auditCsvStream, recordAuditExport } from "./csv";
import { findAuditEvents, getAuditFilterOptions, type AuditFilters } from "./queries";
import { recordAudit, type AuditActor } from "./service";

const t = setupTestDb();
let admin: Actor;
let orgA: string;
let orgB: string;

const alice: AuditActor = { type: "user", id: "u-alice", label: "alice@example.test" };
const weird: AuditActor = { type: "user", id: "u-weird", label: 'Smith, "Doc"\nJr.' };
const system: AuditActor = { type: "system", label: "system" };

async function record(
  actor: AuditActor,
  action: string,
  entityType: string,
  at: string,
  extra: { entityId?: string; organizationId?: string; after?: unknown } = {},
) {
  return t.db.$transaction((tx) =>
    recordAudit(tx, { actor, action, entityType, at: new Date(at), ...extra }),
  );
}

const query = (
  filters: AuditFilters,
  over: { page?: number; perPage?: number; desc?: boolean } = {},
) =>
  findAuditEvents(t.db, admin, {
    page: over.page ?? 1,
    perPage: over.perPage ?? 100,
    sort: { id: "seq", desc: over.desc ?? false },
    q: "",
    filters,
  });
const seqs = async (filters: AuditFilters) => (await query(filters)).rows.map((r) => Number(r.seq));

/** The bytes as sent, byte-order mark included (Response.text() would drop it). */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

beforeAll(async () => {
  admin = (await createUser(t.db, { role: "admin" })) as Actor;
  orgA = (await createOrganization(t.db, { name: "Alpha Apps" })).id;
  orgB = (await createOrganization(t.db, { name: "Beta Health" })).id;
  await record(alice, "auth.signed_in", "User", "2026-01-10T08:00:00Z", { entityId: "u-alice" }); // 1
  await record(alice, "app.registered", "App", "2026-01-10T23:59:59Z", {
    entityId: "app-1",
    organizationId: orgA,
  }); // 2
  await record(system, "scope.approved", "AppScope", "2026-01-11T00:00:00Z", {
    entityId: "scope-1",
    organizationId: orgA,
  }); // 3
  await record(weird, "policy.changed", "PolicyVersion", "2026-01-12T12:00:00Z", {
    entityId: "pv-2",
    after: { note: '=HYPERLINK("http://x")' },
  }); // 4
  await record(alice, "auth.signed_out", "User", "2026-01-13T09:00:00Z", { entityId: "u-alice" }); // 5
  await record(system, "app.suspended", "App", "2026-01-14T09:00:00Z", {
    entityId: "app-2",
    organizationId: orgB,
  }); // 6
});

describe("findAuditEvents", () => {
  it("filters by exact action, by action prefix, actor, entity type and organisation", async () => {
    expect(await seqs({ action: "auth.signed_in" })).toEqual([1]);
    expect(await seqs({ action: "auth.*" })).toEqual([1, 5]);
    expect(await seqs({ action: "app.*" })).toEqual([2, 6]);
    expect(await seqs({ actor: "ALICE@" })).toEqual([1, 2, 5]);
    expect(await seqs({ entityType: "App" })).toEqual([2, 6]);
    expect(await seqs({ organizationId: orgA })).toEqual([2, 3]);
  });

  it("treats the date range as whole UTC days, both ends included", async () => {
    expect(await seqs({ from: "2026-01-10", to: "2026-01-10" })).toEqual([1, 2]);
    expect(await seqs({ from: "2026-01-11" })).toEqual([3, 4, 5, 6]);
    expect(await seqs({ to: "2026-01-11" })).toEqual([1, 2, 3]);
  });

  it("searches ids, actions and actors, and finds an event by its number", async () => {
    expect(await seqs({ q: "scope-1" })).toEqual([3]);
    expect(await seqs({ q: "SUSPENDED" })).toEqual([6]);
    expect(await seqs({ q: "4" })).toEqual([4]);
  });

  it("combines every filter given (all must hold)", async () => {
    expect(await seqs({ action: "app.*", organizationId: orgA })).toEqual([2]);
    expect(await seqs({ actor: "alice", entityType: "User", from: "2026-01-12" })).toEqual([5]);
    expect(await seqs({ actor: "alice", organizationId: orgB })).toEqual([]);
  });

  it("pages and sorts by sequence, with the total of the filtered rows", async () => {
    const page = await query({ actor: "alice" }, { perPage: 2, page: 2, desc: true });
    expect(page).toMatchObject({ total: 3, pageCount: 2, page: 2 });
    expect(page.rows.map((r) => r.seq)).toEqual(["1"]);
    const newest = await query({}, { perPage: 2, desc: true });
    expect(newest.rows.map((r) => r.seq)).toEqual(["6", "5"]);
    expect((await query({ organizationId: orgB })).rows[0]).toMatchObject({
      organizationName: "Beta Health",
      entityId: "app-2",
      actorType: "system",
    });
  });

  it("offers the actions, entity types and partners present", async () => {
    const options = await getAuditFilterOptions(t.db, admin);
    expect(options.actions).toEqual([
      "app.registered",
      "app.suspended",
      "auth.signed_in",
      "auth.signed_out",
      "policy.changed",
      "scope.approved",
    ]);
    expect(options.entityTypes).toEqual(["App", "AppScope", "PolicyVersion", "User"]);
    expect(options.organizations.map((o) => o.name)).toEqual(
      expect.arrayContaining(["Alpha Apps", "Beta Health"]),
    );
  });

  it("is for admins only", async () => {
    for (const role of ["partner", "reviewer"] as const) {
      const someone = (await createUser(t.db, { role })) as Actor;
      await expect(
        findAuditEvents(t.db, someone, {
          page: 1,
          perPage: 10,
          sort: { id: "seq", desc: false },
          q: "",
          filters: {},
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getAuditFilterOptions(t.db, someone)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      expect(() => auditCsvStream(t.db, someone, {})).toThrow(AppError);
    }
  });
});

describe("the CSV export", () => {
  it("streams every matching event in sequence order across batches, quoting and neutralizing cells", async () => {
    const text = await readAll(
      auditCsvStream(t.db, admin, { from: "2026-01-10", to: "2026-01-14" }, 2),
    );
    expect(text.startsWith("\ufeffseq,at,actorType,")).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1).trimEnd(), { newline: "\r\n" }).data;
    expect(rows[0]).toEqual([...AUDIT_CSV_HEADER]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["1", "2", "3", "4", "5", "6"]);

    const policy = rows.find((r) => r[5] === "policy.changed")!;
    expect(policy[3]).toBe('Smith, "Doc"\nJr.'); // survives the round trip whole
    expect(JSON.parse(policy[11]!)).toEqual({ note: '=HYPERLINK("http://x")' }); // JSON starts with {: not a formula
    expect(rows[2]).toEqual([
      "2",
      "2026-01-10T23:59:59.000Z",
      "user",
      "alice@example.test",
      "u-alice",
      "app.registered",
      "App",
      "app-1",
      orgA,
      "",
      "",
      "",
      expect.any(String),
      expect.any(String),
    ]);
  });

  it("exports only what the filters select", async () => {
    const text = await readAll(auditCsvStream(t.db, admin, { action: "auth.*" }));
    const rows = Papa.parse<string[]>(text.slice(1).trimEnd()).data;
    expect(rows.slice(1).map((r) => [r[0], r[5]])).toEqual([
      ["1", "auth.signed_in"],
      ["5", "auth.signed_out"],
    ]);
  });

  it("neutralizes a formula in a label", async () => {
    await record(
      { type: "user", id: "u-evil", label: "=cmd|' /C calc'!A0" },
      "auth.signed_in",
      "User",
      "2026-02-01T00:00:00Z",
    );
    const text = await readAll(auditCsvStream(t.db, admin, { from: "2026-02-01" }));
    expect(Papa.parse<string[]>(text.slice(1).trimEnd()).data[1]![3]).toBe("'=cmd|' /C calc'!A0");
  });

  it("is a snapshot: events written after it starts are left out", async () => {
    const chunks = auditCsvChunks(t.db, {}, 1000);
    await chunks.next(); // the header
    const firstBatch = await chunks.next(); // reads the chain head, then the rows up to it
    await record(system, "late.event", "Thing", "2026-03-01T00:00:00Z");
    const rest: string[] = [];
    for await (const chunk of chunks) rest.push(chunk);
    expect(String(firstBatch.value)).not.toContain("late.event");
    expect(rest.join("")).not.toContain("late.event");
  });

  it("records who exported what", async () => {
    await recordAuditExport(t.db, admin, { action: "auth.*" }, "10.0.0.1");
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "audit.exported" } });
    expect(event).toMatchObject({
      actorId: admin.id,
      ip: "10.0.0.1",
      after: { format: "csv", filters: { action: "auth.*" } },
    });
  });
});
