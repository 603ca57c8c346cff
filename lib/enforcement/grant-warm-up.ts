// Warming a grant cache: every client's live grants, loaded in keyset-paged batches (one query per
// batch of apps, never one per client), so an instance answers from memory before it reports ready.
// If the cache is emptied later (back after an outage, or a flood of changes), it warms again in
// the background; requests meanwhile take the cold path, which is always correct.
import type { GrantCache } from "./grant-cache";
import { loadClientGrantsPage } from "./queries";

export type WarmUpProgress = {
  state: "cold" | "warming" | "warm";
  /** Apps in the database when the current (or last) warm-up started. */
  total: number | null;
  /** Clients and grants loaded by the current (or last) warm-up. */
  clients: number;
  grants: number;
  /** False when the warm-up stopped at the cache's maxClients: the rest load on first use. */
  isComplete: boolean;
  /** How long the last completed warm-up took. */
  ms: number | null;
  /** Failed attempts (each reported through onError and retried). */
  errors: number;
};

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });

export class GrantWarmUp {
  running: Promise<void> | null = null;
  hasCompleted = false;
  private isCold = true;
  readonly progress: WarmUpProgress = {
    state: "cold",
    total: null,
    clients: 0,
    grants: 0,
    isComplete: false,
    ms: null,
    errors: 0,
  };

  constructor(
    private readonly cache: GrantCache,
    private readonly options: { batchSize: number; retryMs: number },
  ) {}

  run(): Promise<void> {
    if (!this.isCold && this.running === null) return Promise.resolve();
    this.running ??= this.untilWarm().finally(() => (this.running = null));
    return this.running;
  }

  /** The cache was emptied: warm it again if it had been warm (else the first warm-up restarts). */
  onCleared() {
    this.isCold = true;
    if (this.hasCompleted && this.cache.isRunning) void this.run();
  }

  private async untilWarm() {
    while (this.cache.isRunning && this.isCold) {
      try {
        await this.once();
      } catch (error) {
        this.progress.errors++;
        this.cache.onError(error);
        await sleep(this.options.retryMs);
      }
    }
  }

  private async once() {
    const generation = this.cache.generation;
    const startedAt = performance.now();
    const progress = this.progress;
    progress.state = "warming";
    progress.total = await this.cache.db.app.count();
    progress.clients = 0;
    progress.grants = 0;
    progress.isComplete = false;
    let after: string | null = null;
    while (this.cache.isRunning && generation === this.cache.generation) {
      if (this.cache.size >= this.cache.maxClients) break;
      const rows = await loadClientGrantsPage(this.cache.db, after, this.options.batchSize);
      if (rows.length === 0) {
        progress.isComplete = true;
        break;
      }
      const stored = await this.cache.storeBatch(rows, generation);
      progress.clients += stored.clients;
      progress.grants += stored.grants;
      after = rows[rows.length - 1]!.appId;
    }
    // Stopped, or emptied meanwhile (then isCold is set again and the loop starts over).
    if (!this.cache.isRunning || generation !== this.cache.generation) return;
    this.isCold = false;
    this.hasCompleted = true;
    progress.state = "warm";
    progress.ms = Math.round(performance.now() - startedAt);
  }
}
