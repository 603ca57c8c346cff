// npm run db:reset -- --yes — drops every table in DATABASE_URL (or the embedded database),
// re-applies the migrations and loads the demo data. Destroys data: asks for --yes.
import { parseArgs } from "node:util";
import pg from "pg";
import { createPrismaClient } from "../../lib/database/client";
import { applyMigrations } from "../../lib/database/migrations";
import { loadEnvFiles, openDatabaseTarget } from "../../lib/database/target";
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
const target = await openDatabaseTarget();
try {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  await client.end();
  await applyMigrations(target.url);
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
