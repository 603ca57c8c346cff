// Telling "the database cannot be reached" apart from every other failure, whichever layer raised
// it: Prisma (P1001…), its pg driver adapter (DriverAdapterError kinds), pg itself (socket errors,
// FATAL server messages, pool timeouts) or pg-boss (raw pg errors). Callers answer 503 for these,
// retry them, or re-check the database; any other error stays what it is.

/** Prisma's codes for an unreachable server, a lost connection or a pool that could not connect. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** @prisma/adapter-pg's names for the same. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "AuthenticationFailed",
  "TlsConnectionError",
]);
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
// SQLSTATEs of a server going away or refusing sessions: class 08 (connection exception), 57P01-03
// (shutdown, crash, starting up), 53300 (too many connections), 3D000 (no such database).
const SQLSTATE = /^(08...|57P0[123]|53300|3D000)$/;
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Can't reach database server|Server has closed the connection/i;

type Loose = {
  code?: unknown;
  kind?: unknown;
  severity?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
};

function matches(e: Loose): boolean {
  if (typeof e.code === "string") {
    if (PRISMA_CODES.has(e.code) || SOCKET_CODES.has(e.code) || SQLSTATE.test(e.code)) return true;
  }
  if (typeof e.kind === "string") {
    if (ADAPTER_KINDS.has(e.kind)) return true;
    if (e.kind === "postgres" && e.severity === "FATAL") return true;
  }
  // A FATAL server message ends the session (e.g. "not currently accepting connections").
  if (e.severity === "FATAL" || e.severity === "PANIC") return true;
  return typeof e.message === "string" && PG_MESSAGES.test(e.message);
}

/** True when the error means the database is unreachable or refused the session. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 12) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const e = current as Loose;
    if (matches(e)) return true;
    queue.push(e.cause, e.meta?.driverAdapterError);
    if (current instanceof AggregateError) queue.push(...current.errors);
  }
  return false;
}

/**
 * Runs `fn`, trying again while the database is unreachable, for up to `timeoutMs`. For the one
 * write that records work already done outside the database (a mail sent, a webhook answered), so a
 * restart of a few seconds does not make that work run twice. Other errors are thrown at once.
 */
export async function retryWhileUnavailable<T>(
  fn: () => Promise<T>,
  options: { timeoutMs?: number; delayMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let delay = options.delayMs ?? 250;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }
}
