// npm run db:seed — loads the demo data into DATABASE_URL (or the embedded database).
// Running it is the explicit request; it refuses to load twice.
import path from "node:path";
import { createPrismaClient } from "../../lib/database/client";
import { loadEnvFiles, migrateTarget, openDatabaseTarget } from "../../lib/database/target";
import { developmentSecret, SESSION_SECRET } from "../../lib/runtime/dev-secrets";
import { hasDemoData, printDemoCredentials, seedDemoData } from "../../prisma/seed";

loadEnvFiles();
// Demo client secrets are sealed with the server's key: the one `npm run dev` keeps in .data/.
process.env.NEXTAUTH_SECRET ??= await developmentSecret(SESSION_SECRET, path.resolve(".data"));
const target = await openDatabaseTarget();
const db = createPrismaClient(target.url, { poolSize: 2 });
try {
  await migrateTarget(target);
  if (await hasDemoData(db)) {
    console.log("Demo data is already loaded.");
  } else {
    await seedDemoData(db);
    console.log("Demo data loaded.");
  }
  printDemoCredentials();
} catch (error) {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  await target.release();
}
