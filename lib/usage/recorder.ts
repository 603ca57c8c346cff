// Usage evidence from the decision path: every allowed decision counts against the grants that
// matched it, every denied one against the scope it required. The hot path only bumps a counter
// held by the decision's own subject (the cached client it was decided on, already in the CPU's
// cache), so a million grants cost no more per decision than a thousand; a timer gathers the
// subjects counted since the last write and writes them a few thousand rows a statement
// (store.ts), and stop() writes what is left, so a graceful shutdown loses nothing.
import type { Db } from "../database/client";
import { writeUsageBatch, type UsageBatch, type UsageColumns } from "./store";

export type UsageRecorderOptions = {
  /** How often counters are written (default 30 s, ± 20 %; the same client and scope collapse to one row meanwhile). */
  flushMs?: number;
  /** Rows per statement (default 5,000). */
  chunkRows?: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
};

/** The recorder's options from USAGE_RECORDING and USAGE_FLUSH_SECONDS; false when it is off. */
export function usageFromEnv(env: {
  USAGE_RECORDING: "on" | "off";
  USAGE_FLUSH_SECONDS: number;
}): UsageRecorderOptions | false {
  return env.USAGE_RECORDING === "on" ? { flushMs: env.USAGE_FLUSH_SECONDS * 1000 } : false;
}

/** One subject's counts since the last write, by matched (or required) scope. */
export class UsageCounts {
  allowed: Map<string, number> | null = null;
  denied: Map<string, number> | null = null;
}

/**
 * What decisions are counted against: an app's cached client. `usage` belongs to the recorder (null
 * between writes); a client replaced in the cache keeps its counts until they are written.
 */
export type UsageSubject = { readonly appId: string; usage: UsageCounts | null };

type Counters = Map<string, Map<string, number>>;

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function addInto(counters: Counters, appId: string, from: Map<string, number>): void {
  let target = counters.get(appId);
  if (target === undefined) counters.set(appId, (target = new Map()));
  for (const [key, count] of from) target.set(key, (target.get(key) ?? 0) + count);
}

export class UsageRecorder {
  /** The subjects counted since the last write, each once. */
  private counted: UsageSubject[] = [];
  /** A batch whose write failed, kept for the next one. */
  private retry: { allowed: Counters; denied: Counters } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private isRunning = false;
  private flushing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly chunkRows: number;
  private readonly now: () => Date;
  private readonly onError: (error: unknown) => void;
  /** Decisions counted and rows written, for health checks and tests. */
  readonly stats = { recorded: 0, flushes: 0, flushErrors: 0 };

  constructor(
    private readonly db: Db,
    options: UsageRecorderOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 30_000;
    this.chunkRows = options.chunkRows ?? 5_000;
    this.now = options.now ?? (() => new Date());
    this.onError =
      options.onError ?? ((error) => console.error("usage: writing counters failed", error));
  }

  /** An allowed decision; `matchedScope` is the decision's space-separated matched grants. */
  recordAllowed(subject: UsageSubject, matchedScope: string): void {
    this.stats.recorded++;
    const counts = this.countsOf(subject);
    bump((counts.allowed ??= new Map()), matchedScope);
  }

  /** A denied decision and the scope (or scopes) it would have needed. */
  recordDenied(subject: UsageSubject, requiredScope: string): void {
    this.stats.recorded++;
    const counts = this.countsOf(subject);
    bump((counts.denied ??= new Map()), requiredScope);
  }

  private countsOf(subject: UsageSubject): UsageCounts {
    let counts = subject.usage;
    if (counts === null) {
      subject.usage = counts = new UsageCounts();
      this.counted.push(subject);
    }
    return counts;
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.schedule();
  }

  /**
   * The next write in flushMs ± 20 %: instances started together (a deployment, a restart) drift
   * apart instead of all writing at the same moment.
   */
  private schedule(): void {
    const delay = this.flushMs * (0.8 + 0.4 * Math.random());
    this.timer = setTimeout(() => {
      void this.flush().finally(() => {
        if (this.isRunning) this.schedule();
      });
    }, delay);
    this.timer.unref();
  }

  /** Writes the counters gathered so far; flushes never overlap, and a failed batch is kept for the next. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeOnce());
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    this.isRunning = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Takes every subject's counts (by app: a replaced client and its successor add up). */
  private take(): { allowed: Counters; denied: Counters } {
    const taken = this.retry ?? { allowed: new Map(), denied: new Map() };
    this.retry = null;
    const subjects = this.counted;
    this.counted = [];
    for (const subject of subjects) {
      const counts = subject.usage!;
      subject.usage = null;
      if (counts.allowed) addInto(taken.allowed, subject.appId, counts.allowed);
      if (counts.denied) addInto(taken.denied, subject.appId, counts.denied);
    }
    return taken;
  }

  /**
   * Writes in statements of at most `chunkRows` rows: each is short for the database and for the
   * event loop (a million grants' worth of counters is hundreds of thousands of rows). When one
   * fails, it and the rows after it are kept for the next write; those before it are in.
   */
  private async writeOnce(): Promise<void> {
    if (this.counted.length === 0 && this.retry === null) return;
    const taken = this.take();
    const chunks = chunksOf(toBatch(taken.allowed, taken.denied), this.chunkRows);
    const now = this.now();
    for (let i = 0; i < chunks.length; i++) {
      try {
        await writeUsageBatch(this.db, chunks[i]!, now);
      } catch (error) {
        this.stats.flushErrors++;
        this.retry = countersOf(chunks.slice(i));
        this.onError(error);
        return;
      }
    }
    this.stats.flushes++;
  }
}

const EMPTY_COLUMNS: UsageColumns = { appIds: [], scopes: [], values: [] };
const NO_ROWS: UsageBatch = { allowed: EMPTY_COLUMNS, denied: EMPTY_COLUMNS };

function sliceColumns(columns: UsageColumns, from: number, to: number): UsageColumns {
  return {
    appIds: columns.appIds.slice(from, to),
    scopes: columns.scopes.slice(from, to),
    values: columns.values.slice(from, to),
  };
}

/** The batch as statements of at most `rows` rows each, allowed ones first. */
function chunksOf(batch: UsageBatch, rows: number): UsageBatch[] {
  const chunks: UsageBatch[] = [];
  for (const kind of ["allowed", "denied"] as const)
    for (let from = 0; from < batch[kind].appIds.length; from += rows)
      chunks.push({ ...NO_ROWS, [kind]: sliceColumns(batch[kind], from, from + rows) });
  return chunks;
}

/** Unwritten rows back into counters (each row's scope is single), for the next write to add to. */
function countersOf(chunks: UsageBatch[]): { allowed: Counters; denied: Counters } {
  const counters = { allowed: new Map(), denied: new Map() } as {
    allowed: Counters;
    denied: Counters;
  };
  for (const chunk of chunks)
    for (const kind of ["allowed", "denied"] as const) {
      const { appIds, scopes, values } = chunk[kind];
      for (let i = 0; i < appIds.length; i++)
        addInto(counters[kind], appIds[i]!, new Map([[scopes[i]!, values[i]!]]));
    }
  return counters;
}

/** One row per app and single scope: a decision that matched several grants counts for each. */
function columnsOf(counters: Counters): UsageColumns {
  const columns: UsageColumns = { appIds: [], scopes: [], values: [] };
  const perScope = new Map<string, number>();
  for (const [appId, byKey] of counters) {
    perScope.clear();
    for (const [joined, count] of byKey) {
      if (!joined.includes(" ")) {
        perScope.set(joined, (perScope.get(joined) ?? 0) + count);
        continue;
      }
      for (const scope of new Set(joined.split(" ")))
        if (scope) perScope.set(scope, (perScope.get(scope) ?? 0) + count);
    }
    for (const [scope, count] of perScope) {
      columns.appIds.push(appId);
      columns.scopes.push(scope);
      columns.values.push(count);
    }
  }
  return columns;
}

function toBatch(allowed: Counters, denied: Counters): UsageBatch {
  return { allowed: columnsOf(allowed), denied: columnsOf(denied) };
}
