// npm run audit:verify — recomputes the audit log's hash chain; exits 1 if any row was edited,
// inserted or deleted.
import { verifyAuditChain } from "../lib/audit/verify";
import { createPrismaClient } from "../lib/database/client";
import { loadEnvFiles, openDatabaseTarget } from "../lib/database/target";

loadEnvFiles();
const target = await openDatabaseTarget();
const db = createPrismaClient(target.url, { poolSize: 2 });
try {
  const result = await verifyAuditChain(db);
  if (result.ok) {
    console.log(
      `Audit log intact: ${result.checked} events, head ${result.headSeq} ${result.headHash.slice(0, 16)}…`,
    );
  } else {
    console.error(
      `Audit log TAMPERED: ${result.problems.length} problem(s) in ${result.checked} events`,
    );
    for (const p of result.problems) console.error(`  event ${p.seq}: ${p.problem} — ${p.detail}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(
    `Could not verify the audit log: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 2;
} finally {
  await db.$disconnect();
  await target.release();
}
