// Walks the audit chain in sequence order and says where and how it was damaged. Detection is
// certain: an event without the key's seal, a broken link, a gap, or a log shorter than a signed
// checkpoint always shows. The kind of damage is read from the evidence, using the key to ask "is
// this a real event, only renumbered?" for events near a bad one.
import {
  KEYED_CHAIN,
  LEGACY_CHAIN,
  legacyHashAuditEvent,
  sealAuditEvent,
  type HashedFields,
} from "./hash";

export type AuditDamage =
  | "edited"
  | "rehashed"
  | "inserted"
  | "deleted"
  | "reordered"
  | "truncated"
  | "forged"
  | "checkpoint";
export type AuditProblem = { seq: string; problem: AuditDamage; detail: string };
export type ChainRow = HashedFields & { hash: string; chainVersion: number };

export type WalkOptions = {
  hmacKey: Buffer;
  /** The first event expected, and the hash it must link to (null: do not check its link). */
  start: { seq: bigint; prevHash: string | null };
  /** A signed head the log must reach and match. */
  vouched?: { seq: bigint; hash: string } | null;
  /** The last unkeyed event, when a checkpoint says so; otherwise learnt from the log. */
  legacyUntil?: bigint | null;
};
export type WalkResult = {
  problems: AuditProblem[];
  problemCount: number;
  checked: number;
  last: { seq: bigint; hash: string } | null;
  legacyUntil: bigint;
};

/** How far around a bad event the walk looks for where its real position was. */
const WINDOW = 16;
const MAX_PROBLEMS = 200;
/** Renumbering searches cost 2×WINDOW seals each; a log rewritten wholesale needs no more. */
const MAX_SEARCHES = 64;

/** "event 7 is" / "events 7–9 are", for messages about a run of events. */
const eventsAre = (from: bigint, to: bigint, verbs: [string, string]) =>
  from === to ? `event ${from} ${verbs[0]}` : `events ${from}–${to} ${verbs[1]}`;

export async function walkChain(
  rows: AsyncIterable<ChainRow>,
  options: WalkOptions,
): Promise<WalkResult> {
  const { hmacKey, vouched } = options;
  const iterator = rows[Symbol.asyncIterator]();
  const ahead: ChainRow[] = [];
  let exhausted = false;
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  const report = (seq: bigint, problem: AuditDamage, detail: string) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push({ seq: seq.toString(), problem, detail });
  };

  const isKnownVersion = (v: number) => v === LEGACY_CHAIN || v === KEYED_CHAIN;
  const sealsAt = (row: ChainRow, seq: bigint) =>
    isKnownVersion(row.chainVersion) && sealAuditEvent(hmacKey, { ...row, seq }) === row.hash;
  const identities = new WeakMap<ChainRow, bigint | null>();
  let searches = 0;
  /** The position the row was sealed at: its own, a nearby one (it was renumbered), or null. */
  const identityOf = (row: ChainRow): bigint | null => {
    if (identities.has(row)) return identities.get(row)!;
    let found: bigint | null = sealsAt(row, row.seq) ? row.seq : null;
    if (found === null && searches++ < MAX_SEARCHES) {
      for (let d = 1n; d <= BigInt(WINDOW) && found === null; d++) {
        if (sealsAt(row, row.seq + d)) found = row.seq + d;
        else if (row.seq - d >= 1n && sealsAt(row, row.seq - d)) found = row.seq - d;
      }
    }
    identities.set(row, found);
    return found;
  };

  let expected = options.start.seq;
  let prevHash = options.start.prevHash;
  let prevSeq: bigint | null = null;
  let prevBad = false;
  let prevShift: bigint | null = null;
  let legacyUntil = options.legacyUntil ?? null;
  let lastLegacy = 0n;
  let last: WalkResult["last"] = null;
  let checked = 0;
  /** Positions holding a real event from elsewhere (a reorder, not an insertion). */
  const takenPositions = new Set<bigint>();

  for (;;) {
    while (!exhausted && ahead.length <= WINDOW) {
      const next = await iterator.next();
      if (next.done) exhausted = true;
      else ahead.push(next.value);
    }
    const row = ahead.shift();
    if (!row) break;
    checked++;
    const next = ahead[0];
    const hasGap = row.seq > expected;
    if (hasGap)
      report(expected, "deleted", eventsAre(expected, row.seq - 1n, ["is missing", "are missing"]));
    if (row.chainVersion === LEGACY_CHAIN && legacyUntil === null) lastLegacy = row.seq;
    if (row.chainVersion === KEYED_CHAIN && legacyUntil === null) legacyUntil = lastLegacy;

    let problem: [AuditDamage, string] | null = null;
    let consequence = false;
    let shift: bigint | null = null;
    const sealed = sealsAt(row, row.seq);
    const linked = prevHash === null || row.prevHash === prevHash;
    if (row.seq < expected) {
      problem = ["inserted", `event ${row.seq} is numbered before the first event`];
    } else if (!isKnownVersion(row.chainVersion)) {
      problem = ["forged", `chain version ${row.chainVersion} is not one the portal writes`];
    } else if (row.chainVersion === LEGACY_CHAIN && legacyUntil !== null && row.seq > legacyUntil) {
      problem = [
        "forged",
        `an unkeyed (version 1) event after the keyed chain began at event ${legacyUntil + 1n}: anyone can compute its hash`,
      ];
    } else if (!sealed) {
      const id = identityOf(row);
      if (id !== null) {
        shift = id - row.seq;
        if (id > row.seq) {
          const isElsewhere = ahead.some((r) => identityOf(r) === row.seq);
          if (isElsewhere) takenPositions.add(row.seq);
          problem = isElsewhere
            ? ["reordered", `this is event ${id}, moved to position ${row.seq}`]
            : [
                "deleted",
                `this is event ${id} renumbered: ${eventsAre(row.seq, id - 1n, ["was deleted", "were deleted"])}`,
              ];
        } else {
          problem = takenPositions.has(id)
            ? ["reordered", `this is event ${id}, moved to position ${row.seq}`]
            : ["inserted", `this is event ${id}, pushed to position ${row.seq} by an insertion`];
        }
        consequence = prevBad && (shift === prevShift || id < row.seq);
      } else if (next && identityOf(next) === row.seq) {
        problem = [
          "inserted",
          `not an event the portal wrote: the real event ${row.seq} follows it`,
        ];
      } else {
        const keptHash =
          (next !== undefined && identityOf(next) === next.seq && next.prevHash === row.hash) ||
          (vouched?.seq === row.seq && vouched.hash === row.hash);
        const isUnkeyed = row.hash === legacyHashAuditEvent(row);
        const isBeyondCheckpoint = !vouched || row.seq > vouched.seq;
        if (keptHash) problem = ["edited", "its content no longer matches its seal"];
        else if (isUnkeyed && isBeyondCheckpoint)
          problem = [
            "forged",
            "not sealed with the audit key (its hash is plain SHA-256): appended outside the portal, or a rewrite of an event newer than the checkpoint",
          ];
        else if (isUnkeyed || (next !== undefined && next.prevHash !== row.hash))
          problem = [
            "rehashed",
            "its hash was recomputed without the audit key: the event was rewritten",
          ];
        else problem = ["edited", "its content no longer matches its seal"];
      }
    } else if (!linked && !hasGap && !prevBad) {
      if (prevSeq === null)
        problem = ["rehashed", "it does not link to the start of the chain: the log was rewritten"];
      else
        report(
          prevSeq,
          "rehashed",
          `event ${prevSeq} is not the event that event ${row.seq} sealed: it, or an unkeyed event before it, was rewritten`,
        );
    }
    if (vouched && row.seq === vouched.seq && row.hash !== vouched.hash && !problem)
      problem = [
        "rehashed",
        "its hash differs from the signed checkpoint: the log up to here was rewritten",
      ];
    if (problem && !consequence) report(row.seq, ...problem);

    prevBad = problem !== null;
    prevShift = shift;
    prevHash = row.hash;
    prevSeq = row.seq;
    expected = row.seq + 1n;
    last = { seq: row.seq, hash: row.hash };
  }

  const lastSeq = last?.seq ?? options.start.seq - 1n;
  if (vouched && lastSeq < vouched.seq)
    report(
      lastSeq + 1n < options.start.seq ? options.start.seq : lastSeq + 1n,
      "truncated",
      `${lastSeq > 0n ? `the log ends at event ${lastSeq}` : "the log is empty"} but a signed checkpoint shows ${vouched.seq} events`,
    );
  problems.sort((a, b) =>
    BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0,
  );
  return {
    problems,
    problemCount,
    checked,
    last,
    legacyUntil: legacyUntil ?? (last ? lastLegacy : 0n),
  };
}
