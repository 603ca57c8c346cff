// npm run audit:verify -- [--checkpoint <file|dir>] [--public-key <file.pem>]
// Walks the whole audit log, checking every event's seal (AUDIT_HMAC_KEY) and the log against the
// newest signed checkpoint held: the file or directory given (default AUDIT_CHECKPOINT_DIR) and
// the database's newest. Exits 1 on any damage, naming the first damaged event and the kind.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { auditKeysFrom, auditSecretsFromEnv, getAuditKeys } from "../lib/audit/keys";
import { verifyAuditChain } from "../lib/audit/verify";
import { createPrismaClient } from "../lib/database/client";
import { loadEnvFiles, openDatabaseTarget } from "../lib/database/target";

const usage =
  "usage: npm run audit:verify -- [--checkpoint <checkpoint file or directory>] [--public-key <PEM file>]";
const ZArgs = z.object({
  checkpoint: z.string().min(1, "--checkpoint needs a file or directory").optional(),
  "public-key": z.string().min(1, "--public-key needs a PEM file").optional(),
});

let args: z.infer<typeof ZArgs>;
try {
  const { values } = parseArgs({
    options: { checkpoint: { type: "string" }, "public-key": { type: "string" } },
  });
  args = ZArgs.parse(values);
} catch (error) {
  const message =
    error instanceof z.ZodError ? error.issues.map((i) => i.message).join("; ") : String(error);
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

loadEnvFiles();
const target = await openDatabaseTarget();
const db = createPrismaClient(target.url, { poolSize: 2 });
try {
  const keys = args["public-key"]
    ? auditKeysFrom({
        hmacSecret: auditSecretsFromEnv().hmacSecret,
        publicKeyPem: readFileSync(args["public-key"], "utf8"),
      })
    : getAuditKeys();
  const result = await verifyAuditChain(db, { keys, checkpoints: args.checkpoint });
  const held = result.checkpoint
    ? `held against checkpoint ${result.checkpoint.seq} of ${result.checkpoint.at} (${result.checkpoint.source})`
    : "no checkpoint held: deleting the newest events would go unseen (pass --checkpoint, or keep AUDIT_CHECKPOINT_DIR)";
  if (result.ok) {
    console.log(
      `Audit log intact: ${result.checked} events, head ${result.headSeq} ${result.headHash.slice(0, 16)}…, ${held}.`,
    );
  } else {
    const first = result.problems[0]!;
    console.error(
      `Audit log TAMPERED: first damage at event ${first.seq}: ${first.problem} — ${first.detail}`,
    );
    console.error(`${result.problemCount} problem(s) in ${result.checked} events, ${held}:`);
    for (const p of result.problems) console.error(`  event ${p.seq}: ${p.problem} — ${p.detail}`);
    if (result.problemCount > result.problems.length)
      console.error(`  … and ${result.problemCount - result.problems.length} more`);
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
