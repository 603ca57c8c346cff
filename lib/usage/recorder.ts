// Usage evidence from the decision path: every allowed decision counts against the grants that
// matched it, every denied one against the scope it required. The hot path only bumps a counter
// held by the decision's own subject (the cached client it was decided on, already in the CPU's
// cache), so a million grants cost no more per decision than a thousand; a timer gathers the
// subjects counted since the last write and writes them in one statement per kind (store.ts), and
// stop() writes what is left, so a graceful shutdown loses nothing.
import type { Db } from "../database/client";
import { writeUsageBatch, type UsageBatch, type UsageColumns } from "./store";

export type UsageRecorderOptions = {
  /** How often counters are written (default 30 s; the same client and scope collapse to one row meanwhile). */
  flushMs?: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
};

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
  private timer: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly now: () => Date;
  private readonly onError: (error: unknown) => void;
  /** Decisions counted and rows written, for health checks and tests. */
  readonly stats = { recorded: 0, flushes: 0, flushErrors: 0 };

  constructor(
    private readonly db: Db,
    options: UsageRecorderOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 30_000;
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
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Writes the counters gathered so far; flushes never overlap, and a failed batch is kept for the next. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeOnce());
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
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

  private async writeOnce(): Promise<void> {
    if (this.counted.length === 0 && this.retry === null) return;
    const taken = this.take();
    try {
      await writeUsageBatch(this.db, toBatch(taken.allowed, taken.denied), this.now());
      this.stats.flushes++;
    } catch (error) {
      this.stats.flushErrors++;
      this.retry = taken;
      this.onError(error);
    }
  }
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
