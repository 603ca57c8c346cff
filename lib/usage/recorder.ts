// Usage evidence from the decision path: every allowed decision counts against the grants that
// matched it, every denied one against the scope it required. The hot path only bumps a counter in
// memory (two map lookups); a timer swaps the counters out and writes them in one statement per
// kind (store.ts), and stop() writes what is left, so a graceful shutdown loses nothing.
import type { Db } from "../database/client";
import { writeUsageBatch, type UsageBatch, type UsageColumns } from "./store";

export type UsageRecorderOptions = {
  /** How often counters are written (default 30 s; the same client and scope collapse to one row meanwhile). */
  flushMs?: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
};

type Counters = Map<string, Map<string, number>>;

function bump(counters: Counters, appId: string, key: string): void {
  let byKey = counters.get(appId);
  if (byKey === undefined) counters.set(appId, (byKey = new Map()));
  byKey.set(key, (byKey.get(key) ?? 0) + 1);
}

export class UsageRecorder {
  private allowed: Counters = new Map();
  private denied: Counters = new Map();
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
  recordAllowed(appId: string, matchedScope: string): void {
    this.stats.recorded++;
    bump(this.allowed, appId, matchedScope);
  }

  /** A denied decision and the scope (or scopes) it would have needed. */
  recordDenied(appId: string, requiredScope: string): void {
    this.stats.recorded++;
    bump(this.denied, appId, requiredScope);
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

  private async writeOnce(): Promise<void> {
    if (this.allowed.size === 0 && this.denied.size === 0) return;
    const allowed = this.allowed;
    const denied = this.denied;
    this.allowed = new Map();
    this.denied = new Map();
    try {
      await writeUsageBatch(this.db, toBatch(allowed, denied), this.now());
      this.stats.flushes++;
    } catch (error) {
      this.stats.flushErrors++;
      merge(this.allowed, allowed);
      merge(this.denied, denied);
      this.onError(error);
    }
  }
}

function merge(into: Counters, from: Counters): void {
  for (const [appId, byKey] of from)
    for (const [key, count] of byKey) {
      let target = into.get(appId);
      if (target === undefined) into.set(appId, (target = new Map()));
      target.set(key, (target.get(key) ?? 0) + count);
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
