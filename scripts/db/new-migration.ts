// npm run db:migration -- --name add_thing [--empty]
// Writes the SQL that takes the last migrated schema (prisma/migrations/schema.snapshot.prisma)
// to prisma/schema.prisma. --empty writes an empty migration for hand-written SQL.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { startEmbeddedPostgres } from "../../lib/database/embedded";
import {
  diffSchemas,
  isEmptyMigration,
  readSchema,
  snapshotPath,
  writeMigration,
} from "../../lib/database/migrations";

const ZArgs = z.object({
  name: z
    .string({ error: "--name is required" })
    .regex(/^[a-z0-9_]{1,60}$/, "--name takes lower-case letters, digits and _ (at most 60)"),
  empty: z.boolean().default(false),
});

let args: z.infer<typeof ZArgs>;
try {
  const { values } = parseArgs({
    options: { name: { type: "string" }, empty: { type: "boolean" } },
  });
  args = ZArgs.parse(values);
} catch (error) {
  const message =
    error instanceof z.ZodError ? error.issues.map((i) => i.message).join("; ") : String(error);
  console.error(`${message}\nusage: npm run db:migration -- --name <snake_case_name> [--empty]`);
  process.exit(2);
}

// The engine needs a connection even for a pure schema-to-schema diff; an in-memory one will do.
const scratch = await startEmbeddedPostgres({ dataDir: null });
try {
  const from = existsSync(snapshotPath) ? await readSchema(snapshotPath) : null;
  const sql = args.empty
    ? "-- Hand-written migration\n"
    : await diffSchemas(scratch.url, from, await readSchema());
  if (!args.empty && isEmptyMigration(sql)) {
    console.log("prisma/schema.prisma has no changes since the last migration; nothing written.");
  } else {
    console.log(`Wrote ${await writeMigration(args.name, sql)}/migration.sql`);
  }
} finally {
  await scratch.stop();
}
