// Every server action, fuzzed through the pipeline's core on a real database: hostile input (NUL
// bytes, unpaired surrogates, over-long text, malformed ids, wrong types, garbage) gets a clear
// error the user can act on, never the unexpected-failure answer (a would-be 500), and an input
// that is refused writes nothing. Also: every export of every actions.ts is a pipeline action.
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "@/prisma/factories";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/generated/prisma/enums";
import { runAction, type Audience } from "@/lib/server/action";
import { definitionOf } from "@/lib/server/action-client";
import { hostileInput } from "@/lib/testing/hostile-input";
import { setupTestDb } from "@/lib/testing/setup-test-db";

vi.mock("server-only", () => ({}));

const t = setupTestDb();
const RUNS = 40;

const users = {} as Record<Role, CurrentUser>;
let fingerprint: () => Promise<string>;

function actionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return actionFiles(full);
    return entry.name === "actions.ts" ? [full] : [];
  });
}

// Importing reads no configuration; the database and environment are set before the first call.
const here = path.dirname(new URL(import.meta.url).pathname);
const actions: { name: string; definition: ReturnType<typeof definitionOf> }[] = [];
for (const file of actionFiles(here)) {
  const exported = (await import(file)) as Record<string, unknown>;
  for (const [name, action] of Object.entries(exported))
    actions.push({
      name: `${path.relative(here, file)}#${name}`,
      definition: definitionOf(action),
    });
}

beforeAll(async () => {
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: "s".repeat(40) });
  Object.assign(globalThis, { scopewardenDb: t.db });
  for (const role of ["admin", "partner", "reviewer"] as const) {
    const user = await createUser(t.db, { role });
    users[role] = {
      ...user,
      organization: null,
      sessionId: "00000000-0000-4000-8000-000000000000",
    };
  }
  // Per table, its row count and newest row version: an insert, update or delete moves one.
  const tables = await t.db.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
  const versions = tables
    .map((t) => `(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM "${t.name}")`)
    .join(" || ',' || ");
  fingerprint = async () =>
    JSON.stringify(await t.db.$queryRawUnsafe(`SELECT ${versions} AS versions`));
});

afterEach(() => vi.restoreAllMocks());
afterAll(() => {
  Object.assign(globalThis, { scopewardenDb: undefined });
});

const userFor = (audience: Audience): CurrentUser | null =>
  audience === "public" ? null : users[audience === "user" ? "partner" : audience];

describe("every server action", () => {
  it("is checked by a fingerprint that notices a write, even one that changes no count", async () => {
    const before = await fingerprint();
    await t.db.user.update({ where: { id: users.admin.id }, data: { name: "Renamed" } });
    expect(await fingerprint()).not.toBe(before);
  });

  it("is built by the pipeline (a role, a schema, a body)", () => {
    expect(actions.length).toBeGreaterThanOrEqual(41);
    expect(actions.filter((a) => !a.definition).map((a) => a.name)).toEqual([]);
  });

  it.each(actions)(
    "$name answers hostile input with an error the user can act on, and writes nothing when it refuses",
    async ({ name, definition }) => {
      if (!definition) throw new Error(`${name} is not a pipeline action`);
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      const edge = {
        getUser: async () => userFor(definition.audience),
        revalidate: () => {},
        ip: async () => null,
        afterResponse: () => {},
      };
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(hostileInput(definition.schema), async (input) => {
          const before = await fingerprint();
          const result = await runAction(definition, input, edge).catch((error: unknown) => {
            // Only the policy saves redirect; a redirect is a success, never a crash.
            if (String((error as { digest?: unknown })?.digest).startsWith("NEXT_REDIRECT"))
              return { status: "success" as const, code: undefined, message: "redirected" };
            throw error;
          });
          expect(result.status === "error" ? result.code : "success", result.message).toBeDefined();
          if (result.status === "error" && result.code === "INVALID_INPUT") {
            refused++;
            expect(await fingerprint(), "a refused input wrote").toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
      expect(log).not.toHaveBeenCalledWith("server action failed", expect.anything());
      // The generators reach the refusal path in most runs, so the no-write check really runs.
      expect(refused).toBeGreaterThan(RUNS / 2);
    },
    120_000,
  );
});
