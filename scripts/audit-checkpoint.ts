// npm run audit:checkpoint — signs a checkpoint of the audit log's head now (the job does it every
// minute when the head moved): into the database, AUDIT_CHECKPOINT_DIR and the audit.checkpoint
// webhook. Refuses, exit 1, when the log no longer extends the newest checkpoint held.
import { AuditChainBrokenError, createAuditCheckpoint } from "../lib/audit/make-checkpoint";
import { createPrismaClient } from "../lib/database/client";
import { loadEnvFiles, openDatabaseTarget } from "../lib/database/target";
import { announceAuditCheckpoint } from "../lib/webhooks/outbox";

loadEnvFiles();
const target = await openDatabaseTarget();
const db = createPrismaClient(target.url, { poolSize: 2 });
try {
  const outcome = await createAuditCheckpoint(db, { announce: announceAuditCheckpoint });
  if (outcome.status === "empty") console.log("The audit log is empty: nothing to checkpoint.");
  else
    console.log(
      `Checkpoint ${outcome.checkpoint!.seq} (${outcome.status === "created" ? "new" : "already signed"})${outcome.file ? `: ${outcome.file}` : ""}`,
    );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof AuditChainBrokenError ? 1 : 2;
} finally {
  await db.$disconnect();
  await target.release();
}
