// Each instance's in-memory copy of clients' live grants, compiled for the decision hot path.
// Freshness: a poller reads the grant-change log (lib/enforcement/changes.ts) every `pollMs` and
// drops the entries of apps that changed. If polling stops succeeding for `maxStalenessMs`, the
// cache steps aside and every read goes to the database until polling recovers — so no instance
// answers from data older than that bound, whatever happens to it.
import type { Db } from "../database/client";
import { compileClientGrants, type CompiledGrants } from "./decide";
import { readGrantChanges } from "./changes";
import { loadClientGrants, type ClientGrantsRow } from "./queries";

export type CachedClient = ClientGrantsRow & { compiled: CompiledGrants };

export type GrantCacheOptions = {
  pollMs?: number;
  maxStalenessMs?: number;
  /** How long an unknown client id is remembered as unknown. */
  missTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
};

type Miss = { missedAt: number };

export class GrantCache {
  private readonly entries = new Map<string, CachedClient | Miss>();
  private readonly clientIdsByApp = new Map<string, string>();
  private readonly inflight = new Map<string, Promise<CachedClient | null>>();
  private since: bigint | null = null;
  private lastPollAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private polling: Promise<void> | null = null;
  private isStopped = false;
  /** Counters for health checks and benchmarks. */
  readonly stats = { hits: 0, loads: 0, bypasses: 0, resets: 0, pollErrors: 0 };
  private readonly pollMs: number;
  private readonly maxStalenessMs: number;
  private readonly missTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly db: Db,
    options: GrantCacheOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 200;
    this.maxStalenessMs = options.maxStalenessMs ?? 1000;
    this.missTtlMs = options.missTtlMs ?? 500;
    this.maxEntries = options.maxEntries ?? 200_000;
    this.now = options.now ?? Date.now;
    this.onError =
      options.onError ??
      ((error) => console.error("grant cache: polling the change log failed", error));
  }

  /** Starts polling; resolves after the first poll, so the cache serves from then on. */
  async start(): Promise<void> {
    this.isStopped = false;
    await this.poll();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
  }

  get size(): number {
    return this.entries.size;
  }

  /** True while polling keeps the cache within its staleness bound. */
  isFresh(): boolean {
    return this.now() - this.lastPollAt < this.maxStalenessMs;
  }

  /** Synchronous answer from memory: the client, null when known to be unknown, undefined when it must be loaded. */
  peek(clientId: string): CachedClient | null | undefined {
    if (!this.isFresh()) return undefined;
    const entry = this.entries.get(clientId);
    if (entry === undefined) return undefined;
    if (!("missedAt" in entry)) {
      this.stats.hits++;
      return entry;
    }
    return this.now() - entry.missedAt < this.missTtlMs ? null : undefined;
  }

  /** The client's grants, or null for an unknown client id. */
  async get(clientId: string): Promise<CachedClient | null> {
    if (!this.isFresh()) {
      this.stats.bypasses++;
      return this.load(clientId, false);
    }
    const entry = this.entries.get(clientId);
    if (entry !== undefined) {
      this.stats.hits++;
      if (!("missedAt" in entry)) return entry;
      if (this.now() - entry.missedAt < this.missTtlMs) return null;
    }
    let pending = this.inflight.get(clientId);
    if (!pending) {
      pending = this.load(clientId, true).finally(() => this.inflight.delete(clientId));
      this.inflight.set(clientId, pending);
    }
    return pending;
  }

  private async load(clientId: string, isCacheable: boolean): Promise<CachedClient | null> {
    this.stats.loads++;
    const row = await loadClientGrants(this.db, clientId);
    const value = row ? { ...row, compiled: compileClientGrants(row, row.scopes) } : null;
    // Keep it only if no change the poller has already applied is newer than what this read saw.
    if (isCacheable && this.since !== null && (row === null || row.seenSeq >= this.since))
      this.store(clientId, value);
    return value;
  }

  private store(clientId: string, value: CachedClient | null) {
    if (this.entries.size >= this.maxEntries) this.evictOldest();
    this.entries.delete(clientId);
    this.entries.set(clientId, value ?? { missedAt: this.now() });
    if (value) this.clientIdsByApp.set(value.appId, clientId);
  }

  private evictOldest() {
    const oldest = this.entries.keys().next().value;
    if (oldest === undefined) return;
    const entry = this.entries.get(oldest);
    this.entries.delete(oldest);
    if (entry && !("missedAt" in entry)) this.clientIdsByApp.delete(entry.appId);
  }

  private clear() {
    this.entries.clear();
    this.clientIdsByApp.clear();
  }

  private schedule() {
    if (this.isStopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule());
    }, this.pollMs);
    this.timer.unref?.();
  }

  /** One poll: drops the entries of every app changed since the last one. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = null));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const startedAt = this.now();
    try {
      const wasFresh = this.isFresh();
      if (this.since === null || !wasFresh) {
        // First poll, or back after an outage: changes may have been pruned meanwhile, so start clean.
        const { head } = await readGrantChanges(this.db, this.since ?? 0n, 0);
        if (this.since !== null) this.stats.resets++;
        this.clear();
        this.since = head;
      } else {
        const batch = await readGrantChanges(this.db, this.since);
        if (batch.isTruncated) this.clear();
        for (const appId of batch.appIds) {
          const clientId = this.clientIdsByApp.get(appId);
          if (clientId === undefined) continue;
          this.entries.delete(clientId);
          this.clientIdsByApp.delete(appId);
        }
        this.since = batch.head;
      }
      this.lastPollAt = startedAt;
    } catch (error) {
      this.stats.pollErrors++;
      this.onError(error);
    }
  }
}
