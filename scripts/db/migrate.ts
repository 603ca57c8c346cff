// npm run db:migrate — applies prisma/migrations to DATABASE_URL (or the embedded database), as
// MIGRATION_DATABASE_URL's owner when set, then renews the app role's grants.
// Idempotent: applied migrations are recorded in _prisma_migrations, as `prisma migrate deploy` does.
import { loadEnvFiles, migrateTarget, openDatabaseTarget } from "../../lib/database/target";

loadEnvFiles();
const target = await openDatabaseTarget();
try {
  const applied = await migrateTarget(target);
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
