// Signed checkpoints of the audit chain's head, as transparency logs publish them: "the log had
// <seq> events and ended in <hash>", signed with Ed25519. A verifier that holds the newest one
// notices any shorter or rewritten log. They live in three places: the AuditCheckpoint table, a
// directory of files (AUDIT_CHECKPOINT_DIR), and the receivers of the `audit.checkpoint` webhook.
import { sign, verify } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Tx } from "../database/client";
import type { AuditProblem } from "./chain";
import { canonicalJson } from "./hash";
import type { AuditKeys } from "./keys";

export const CHECKPOINT_FORMAT = "scopewarden-audit-checkpoint/1";
const digits = z.string().regex(/^\d{1,19}$/);
const ZCheckpoint = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  seq: digits,
  hash: z.string().min(1).max(128),
  legacyUntil: digits,
  at: z.iso.datetime(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
});
export type AuditCheckpoint = z.infer<typeof ZCheckpoint>;
export type HeldCheckpoint = AuditCheckpoint & { source: string };

const signedBytes = (c: Omit<AuditCheckpoint, "signature">) =>
  Buffer.from(
    canonicalJson({
      format: c.format,
      seq: c.seq,
      hash: c.hash,
      legacyUntil: c.legacyUntil,
      at: c.at,
      keyId: c.keyId,
    }),
  );

export function signCheckpoint(
  keys: AuditKeys,
  head: { seq: bigint; hash: string; legacyUntil: bigint },
  at: Date,
): AuditCheckpoint {
  if (!keys.signingKey) throw new Error("AUDIT_SIGNING_KEY is needed to sign checkpoints.");
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    seq: head.seq.toString(),
    hash: head.hash,
    legacyUntil: head.legacyUntil.toString(),
    at: at.toISOString(),
    keyId: keys.keyId,
  } as const;
  const signature = sign(null, signedBytes(unsigned), keys.signingKey).toString("base64url");
  return { ...unsigned, signature };
}

/** Null when the document is a checkpoint signed by this key; otherwise what is wrong with it. */
export function checkpointProblem(raw: unknown, keys: AuditKeys): string | null {
  const parsed = ZCheckpoint.safeParse(raw);
  if (!parsed.success) return "it is not a checkpoint document";
  const c = parsed.data;
  if (c.keyId !== keys.keyId)
    return `it is signed by key ${c.keyId}, not the audit key ${keys.keyId}`;
  const isValid = verify(
    null,
    signedBytes(c),
    keys.publicKey,
    Buffer.from(c.signature, "base64url"),
  );
  return isValid ? null : "its signature does not verify";
}

export const checkpointFileName = (seq: bigint | string) =>
  `checkpoint-${seq.toString().padStart(20, "0")}.json`;
const FILE_PATTERN = /^checkpoint-\d{20}\.json$/;
/** The directory keeps the newest ones; the newest alone is what a verifier needs. */
const KEEP_FILES = 1000;

/** Writes the file atomically (a reader never sees half of it) and prunes the oldest. */
export async function writeCheckpointFile(
  dir: string,
  checkpoint: AuditCheckpoint,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, checkpointFileName(checkpoint.seq));
  const draft = `${file}.${process.pid}.tmp`;
  await writeFile(draft, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o644 });
  await rename(draft, file);
  const names = (await readdir(dir)).filter((n) => FILE_PATTERN.test(n)).sort();
  await Promise.all(names.slice(0, -KEEP_FILES).map((n) => rm(path.join(dir, n), { force: true })));
  return file;
}

/**
 * The newest valid checkpoint in a file or directory. Files that are newer but do not verify are
 * reported as damage (someone wrote them without the key) and skipped.
 */
export async function readHeldCheckpoint(
  source: string,
  keys: AuditKeys,
): Promise<{ checkpoint: HeldCheckpoint | null; problems: AuditProblem[] }> {
  const info = await stat(source).catch(() => null);
  if (!info) return { checkpoint: null, problems: [] };
  const files = info.isDirectory()
    ? (await readdir(source))
        .filter((n) => FILE_PATTERN.test(n))
        .sort()
        .reverse()
        .map((n) => path.join(source, n))
    : [source];
  const problems: AuditProblem[] = [];
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, "utf8"));
    } catch {
      raw = null;
    }
    const problem = checkpointProblem(raw, keys);
    if (!problem) return { checkpoint: { ...(raw as AuditCheckpoint), source: file }, problems };
    const seq = /(\d{20})\.json$/.exec(file)?.[1] ?? (raw as { seq?: string } | null)?.seq ?? "0";
    problems.push({
      seq: BigInt(/^\d+$/.test(seq) ? seq : "0").toString(),
      problem: "checkpoint",
      detail: `checkpoint file ${file} cannot be trusted: ${problem}`,
    });
  }
  return { checkpoint: null, problems };
}

/** The newest checkpoint row, in the document form files and webhooks carry. */
export async function latestStoredCheckpoint(db: Tx): Promise<AuditCheckpoint | null> {
  const row = await db.auditCheckpoint.findFirst({ orderBy: { seq: "desc" } });
  if (!row) return null;
  return {
    format: CHECKPOINT_FORMAT,
    seq: row.seq.toString(),
    hash: row.hash,
    legacyUntil: row.legacyUntil.toString(),
    at: row.at.toISOString(),
    keyId: row.keyId,
    signature: row.signature,
  };
}

/** The newer of two trusted checkpoints. */
export const newerCheckpoint = <T extends AuditCheckpoint>(a: T | null, b: T | null): T | null =>
  !a ? b : !b ? a : BigInt(b.seq) > BigInt(a.seq) ? b : a;
