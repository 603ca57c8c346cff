import type { RecurringJob } from "../recurring-job";
import { createAuditCheckpoint, type CheckpointDeps } from "./make-checkpoint";

export const AUDIT_CHECKPOINT_JOB = "audit.checkpoint";

/**
 * Every minute, when the head has moved: a signed checkpoint in the database, the checkpoint
 * directory and (through `announce`) the `audit.checkpoint` webhook. At most a minute of newest
 * events is ever without one.
 */
export function auditCheckpointJob(announce: CheckpointDeps["announce"]): RecurringJob {
  return {
    name: AUDIT_CHECKPOINT_JOB,
    cron: "* * * * *",
    run: async ({ db, now }) => {
      await createAuditCheckpoint(db, { now: now(), announce });
    },
  };
}
