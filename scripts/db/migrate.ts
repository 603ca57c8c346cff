// npm run db:migrate — applies prisma/migrations to DATABASE_URL (or the embedded database).
// Idempotent: applied migrations are recorded in _prisma_migrations, as `prisma migrate deploy` does.
import { applyMigrations } from "../../lib/database/migrations";
import { loadEnvFiles, openDatabaseTarget } from "../../lib/database/target";

loadEnvFiles();
const target = await openDatabaseTarget();
try {
  const applied = await applyMigrations(target.url);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
      : "The database is up to date.",
  );
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await target.release();
}
