// Whether this instance can reach its database, known without waiting on every request: a probe
// (a fresh connection and SELECT 1) whose answer is kept briefly, and re-run at once when a request
// fails with a connection error. While the database is down, requests that need it are answered
// 503 (lib/runtime/unavailable-page.ts) before any page starts rendering, and the probe repeats
// every second so the portal comes back by itself when the database does.
import type { IncomingMessage, ServerResponse } from "node:http";
import pg from "pg";
import { isDatabaseUnavailable } from "../database/connection-errors";
import { getEnv } from "../env";
import { unavailableAnswer, type UnavailableAnswer } from "./unavailable-page";

export type DatabaseState = {
  /** null until the first probe has answered: requests go through meanwhile. */
  isAvailable: boolean | null;
  checkedAt: number;
  error?: string;
};

export type AvailabilityOptions = {
  /** How long "up" is believed without a new probe (a connection error re-probes at once). */
  upTtlMs?: number;
  /** While down: how often the probe repeats. */
  downTtlMs?: number;
  now?: () => number;
};

/** One connection attempt and SELECT 1, each bounded by `timeoutMs`. */
export function databaseProbe(databaseUrl: string, timeoutMs = 2000): () => Promise<void> {
  return async () => {
    const client = new pg.Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      application_name: "scopewarden-probe",
    });
    client.on("error", () => {}); // a failed probe is its own answer
    try {
      await client.connect();
      await client.query("SELECT 1");
    } finally {
      await client.end().catch(() => {});
    }
  };
}

export class Availability {
  private state: DatabaseState = { isAvailable: null, checkedAt: 0 };
  private probing: Promise<DatabaseState> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly upTtlMs: number;
  private readonly downTtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly probe: () => Promise<void>,
    options: AvailabilityOptions = {},
  ) {
    this.upTtlMs = options.upTtlMs ?? 10_000;
    this.downTtlMs = options.downTtlMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The last known state, at once; a stale one is refreshed in the background. */
  current(): DatabaseState {
    if (this.isStale()) void this.refresh();
    return this.state;
  }

  /** A fresh state: waits for a probe under way, or probes first when the last answer is stale. */
  check(): Promise<DatabaseState> {
    if (this.probing) return this.probing;
    return this.isStale() ? this.refresh() : Promise.resolve(this.state);
  }

  /** A request failed: when the database looks unreachable, probe now. True for connection errors. */
  report(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    void this.refresh();
    return true;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private isStale(): boolean {
    const ttl = this.state.isAvailable === false ? this.downTtlMs : this.upTtlMs;
    return this.now() - this.state.checkedAt >= ttl;
  }

  private refresh(): Promise<DatabaseState> {
    this.probing ??= this.probe()
      .then(
        (): DatabaseState => ({ isAvailable: true, checkedAt: this.now() }),
        (error: unknown): DatabaseState => ({
          isAvailable: false,
          checkedAt: this.now(),
          error: error instanceof Error ? error.message.split("\n")[0] : "unreachable",
        }),
      )
      .then((state) => {
        this.state = state;
        this.probing = null;
        this.stop();
        if (!state.isAvailable) {
          this.timer = setTimeout(() => void this.refresh(), this.downTtlMs);
          this.timer.unref?.();
        }
        return state;
      });
    return this.probing;
  }
}

const shared = globalThis as unknown as { scopewardenAvailability?: Availability };

/** This process's tracker, one for every copy of this module (Next.js bundles, the front server). */
export function getAvailability(): Availability {
  shared.scopewardenAvailability ??= new Availability(databaseProbe(getEnv().DATABASE_URL));
  return shared.scopewardenAvailability;
}

// Paths served without the database keep working during an outage: static files, the health
// check (it reports the outage itself), the scope engine and the API documentation.
const WITHOUT_DATABASE =
  /^\/(_next\/|favicon\.ico$|icon\.svg$|robots\.txt$|api\/health$|api\/v1\/scopes\/analyze$|api\/v1\/openapi\.json$|docs\/api(\/|$))/;

/**
 * The 503 to send for this request now, or null to let it through. Server actions pass: their
 * pipeline answers inside the form, which keeps what the user typed.
 */
export function unavailableAnswerFor(
  availability: Availability,
  path: string,
  isServerAction: boolean,
): UnavailableAnswer | null {
  if (isServerAction || WITHOUT_DATABASE.test(path)) return null;
  if (availability.current().isAvailable !== false) return null;
  return unavailableAnswer(path.startsWith("/api/") ? "json" : "html");
}

/**
 * For a node:http front server, before it hands a request to Next.js: answers 503 and returns true
 * while the database is down (for paths that need it), else returns false and writes nothing.
 */
export function unavailableHook(
  availability?: Availability,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const answer = unavailableAnswerFor(
      availability ?? getAvailability(),
      path,
      req.headers["next-action"] !== undefined,
    );
    if (!answer) return false;
    res.writeHead(answer.status, answer.headers);
    res.end(req.method === "HEAD" ? undefined : answer.body);
    return true;
  };
}
