// Each instance's in-memory copy of clients' live grants, compiled for the decision hot path.
// Freshness: a poller reads the grant-change log (lib/enforcement/changes.ts) every `pollMs` and
// drops the entries of apps that changed. If polling stops succeeding for `maxStalenessMs`, the
// cache steps aside and every read goes to the database until polling recovers — so no instance
// answers from data older than that bound, whatever happens to it.
// Warm start: warm() loads every client in keyset-paged batches (grant-warm-up.ts); until then, and
// for any client not in memory, a request loads its client on demand (the cold path).
// Memory: under 1 KB of heap per client with 10 grants (compiled grants and scope strings are
// shared; docs/enforcement.md). At most `maxClients` are kept: beyond that the least recently used
// (second-chance sweep) are evicted, and load on demand again under the same freshness rule.
import type { Db } from "../database/client";
import { toCachedClient, type CachedClient } from "./cached-client";
import { readGrantChanges } from "./changes";
import { loadClientGrants, type ClientGrantsRow } from "./queries";
import { GrantWarmUp, type WarmUpProgress } from "./grant-warm-up";

export type GrantCacheOptions = {
  pollMs?: number;
  maxStalenessMs?: number;
  /** How long an unknown client id is remembered as unknown. */
  missTtlMs?: number;
  /** How many clients are kept in memory (default 250,000). */
  maxClients?: number;
  /** Clients per warm-up query (default 2,000). */
  warmBatchSize?: number;
  /** Pause before a failed warm-up is retried (default 2 s). */
  warmRetryMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
};

export const DEFAULT_MAX_CLIENTS = 250_000;
/** Unknown client ids remembered at most (a flood of them must not push real clients out). */
const MAX_MISSES = 10_000;
/** Used entries the eviction sweep moves to the back before it evicts regardless. */
const MAX_SECOND_CHANCES = 64;

export class GrantCache {
  private readonly entries = new Map<string, CachedClient>();
  private readonly misses = new Map<string, number>();
  private readonly clientIdsByApp = new Map<string, string>();
  private readonly inflight = new Map<string, Promise<CachedClient | null>>();
  private since: bigint | null = null;
  private lastPollAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private polling: Promise<void> | null = null;
  private isStopped = false;
  /** Bumped whenever the cache is emptied (a warm-up under way starts over); read-only outside. */
  generation = 0;
  private readonly warmer: GrantWarmUp;
  /** Counters for health checks and benchmarks. */
  readonly stats = { hits: 0, loads: 0, bypasses: 0, resets: 0, pollErrors: 0, evictions: 0 };
  private readonly pollMs: number;
  private readonly maxStalenessMs: number;
  private readonly missTtlMs: number;
  readonly maxClients: number;
  private readonly now: () => number;
  readonly onError: (error: unknown) => void;

  constructor(
    readonly db: Db,
    options: GrantCacheOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 200;
    this.maxStalenessMs = options.maxStalenessMs ?? 1000;
    this.missTtlMs = options.missTtlMs ?? 500;
    this.maxClients = options.maxClients ?? DEFAULT_MAX_CLIENTS;
    this.now = options.now ?? Date.now;
    this.onError =
      options.onError ??
      ((error) => console.error("grant cache: polling the change log failed", error));
    this.warmer = new GrantWarmUp(this, {
      batchSize: options.warmBatchSize ?? 2000,
      retryMs: options.warmRetryMs ?? 2000,
    });
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
    await Promise.all([this.polling, this.warmer.running]);
  }

  get size(): number {
    return this.entries.size;
  }

  get isRunning(): boolean {
    return !this.isStopped;
  }

  /** True while polling keeps the cache within its staleness bound. */
  isFresh(): boolean {
    return this.now() - this.lastPollAt < this.maxStalenessMs;
  }

  /**
   * Loads every client into memory in batches; resolves when that is done (at once if it is), or
   * when the cache is stopped. Failures are reported through onError and retried.
   */
  warm(): Promise<void> {
    return this.warmer.run();
  }

  /** True once a warm-up has completed: from then on requests are answered from memory. */
  isReady(): boolean {
    return this.warmer.hasCompleted;
  }

  /** Progress of the current (or last) warm-up. */
  warmUp(): WarmUpProgress {
    return { ...this.warmer.progress };
  }

  /** Synchronous answer from memory: the client, null when known to be unknown, undefined when it must be loaded. */
  peek(clientId: string): CachedClient | null | undefined {
    if (!this.isFresh()) return undefined;
    const entry = this.entries.get(clientId);
    if (entry !== undefined) {
      this.stats.hits++;
      entry.isUsed = true;
      return entry;
    }
    return this.isKnownMiss(clientId) ? null : undefined;
  }

  /** The client's grants, or null for an unknown client id. */
  async get(clientId: string): Promise<CachedClient | null> {
    if (!this.isFresh()) {
      this.stats.bypasses++;
      return this.load(clientId, false);
    }
    const cached = this.peek(clientId);
    if (cached !== undefined) return cached;
    let pending = this.inflight.get(clientId);
    if (!pending) {
      pending = this.load(clientId, true).finally(() => this.inflight.delete(clientId));
      this.inflight.set(clientId, pending);
    }
    return pending;
  }

  private isKnownMiss(clientId: string): boolean {
    const missedAt = this.misses.get(clientId);
    return missedAt !== undefined && this.now() - missedAt < this.missTtlMs;
  }

  private async load(clientId: string, isCacheable: boolean): Promise<CachedClient | null> {
    this.stats.loads++;
    const row = await loadClientGrants(this.db, clientId);
    const value = row ? toCachedClient(row) : null;
    // Keep it only if no change the poller has already applied is newer than what this read saw.
    if (isCacheable && this.since !== null && (row === null || row.seenSeq >= this.since)) {
      if (value) this.store(value);
      else this.storeMiss(clientId);
    }
    return value;
  }

  /**
   * Stores rows read together at one change number (a warm-up batch), except apps changed since
   * then, which the poller may already have passed. `generation` is the cache's when the rows were
   * read: if it was emptied since, nothing is stored.
   */
  async storeBatch(
    rows: readonly ClientGrantsRow[],
    generation: number,
  ): Promise<{ clients: number; grants: number }> {
    const stored = { clients: 0, grants: 0 };
    if (rows.length === 0 || generation !== this.generation) return stored;
    if (this.since === null) await this.poll();
    if (this.since === null) throw new Error("the grant-change log could not be read");
    const changed = new Set<string>();
    let seq = rows[0]!.seenSeq;
    while (seq < this.since) {
      const batch = await readGrantChanges(this.db, seq);
      if (batch.isTruncated) return stored; // heavy churn: these clients load on first use instead
      for (const appId of batch.appIds) changed.add(appId);
      seq = batch.head;
    }
    if (generation !== this.generation) return stored;
    for (const row of rows) {
      if (this.entries.size >= this.maxClients) break;
      if (changed.has(row.appId) || this.entries.has(row.clientId)) continue;
      this.store(toCachedClient(row));
      stored.clients++;
      stored.grants += row.scopes.length;
    }
    return stored;
  }

  private store(value: CachedClient) {
    const { clientId } = value;
    if (!this.entries.delete(clientId) && this.entries.size >= this.maxClients) this.evictOne();
    this.entries.set(clientId, value);
    this.clientIdsByApp.set(value.appId, clientId);
    this.misses.delete(clientId);
  }

  private storeMiss(clientId: string) {
    if (this.misses.size >= MAX_MISSES) this.misses.delete(this.misses.keys().next().value!);
    this.misses.delete(clientId);
    this.misses.set(clientId, this.now());
  }

  /** Evicts the oldest entry not used since the sweep last passed it (second chance). */
  private evictOne() {
    let chances = 0;
    for (const [clientId, entry] of this.entries) {
      if (entry.isUsed && chances < MAX_SECOND_CHANCES) {
        chances++;
        entry.isUsed = false;
        this.entries.delete(clientId);
        this.entries.set(clientId, entry);
        continue;
      }
      this.entries.delete(clientId);
      this.clientIdsByApp.delete(entry.appId);
      this.stats.evictions++;
      return;
    }
  }

  private clear() {
    this.entries.clear();
    this.misses.clear();
    this.clientIdsByApp.clear();
    this.generation++;
    this.warmer.onCleared();
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
        this.since = head;
        this.clear();
      } else {
        const batch = await readGrantChanges(this.db, this.since);
        this.since = batch.head;
        if (batch.isTruncated) this.clear();
        for (const appId of batch.appIds) {
          const clientId = this.clientIdsByApp.get(appId);
          if (clientId === undefined) continue;
          this.entries.delete(clientId);
          this.clientIdsByApp.delete(appId);
        }
      }
      this.lastPollAt = startedAt;
    } catch (error) {
      this.stats.pollErrors++;
      this.onError(error);
    }
  }
}
