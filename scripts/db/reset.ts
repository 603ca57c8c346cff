// npm run db:reset -- --yes — drops every table in DATABASE_URL (or the embedded database),
// re-applies the migrations and loads the demo data. Destroys data: asks for --yes. The audit log
// starts again too, so the old log's checkpoints (AUDIT_CHECKPOINT_DIR) go with it.
import { rm } from "node:fs/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { getAuditEnv } from "../../lib/env";
import path from "node:path";
import { createPrismaClient } from "../../lib/database/client";
import { loadEnvFiles, migrateTarget, openDatabaseTarget } from "../../lib/database/target";
import { developmentSecret, SESSION_SECRET } from "../../lib/runtime/dev-secrets";
import { printDemoCredentials, seedDemoData } from "../../prisma/seed";

const { values } = parseArgs({
  options: { yes: { type: "boolean" }, "no-seed": { type: "boolean" } },
});
if (!values.yes) {
  console.error(
    "This deletes every row in the database. Run again with --yes to confirm:\n  npm run db:reset -- --yes [--no-seed]",
  );
  process.exit(2);
}
loadEnvFiles();
// Demo client secrets are sealed with the server's key: the one `npm run dev` keeps in .data/.
process.env.NEXTAUTH_SECRET ??= await developmentSecret(SESSION_SECRET, path.resolve(".data"));
const target = await openDatabaseTarget();
try {
  const client = new pg.Client({ connectionString: target.migrationUrl });
  await client.connect();
  await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  await client.end();
  await rm(getAuditEnv().AUDIT_CHECKPOINT_DIR, { recursive: true, force: true });
  await migrateTarget(target);
  if (!values["no-seed"]) {
    const db = createPrismaClient(target.url, { poolSize: 2 });
    await seedDemoData(db);
    await db.$disconnect();
    printDemoCredentials();
  }
  console.log("Database reset.");
} catch (error) {
  console.error(`Reset failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await target.release();
}
