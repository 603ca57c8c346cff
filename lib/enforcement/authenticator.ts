// Checks gateway API keys on the hot path. A verified key is trusted from memory for at most
// `recheckMs` (so a revocation is honoured by every instance within that time); unknown keys are
// remembered briefly too, so guessing cannot turn into one database query per request. Entries are
// keyed by the presented key itself: hashing it on every request costs more than the decision.
import type { Db } from "../database/client";
import { apiKeyMatches, prefixOfApiKey } from "./api-keys";
import { findActiveApiKey } from "./queries";

export type ApiKeyPrincipal = { id: string; name: string };

type Entry = { principal: ApiKeyPrincipal | null; checkedAt: number };

export type AuthenticatorOptions = {
  recheckMs?: number;
  lastUsedWriteMs?: number;
  maxEntries?: number;
  now?: () => number;
};

export class ApiKeyAuthenticator {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<ApiKeyPrincipal | null>>();
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly recheckMs: number;
  private readonly lastUsedWriteMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    options: AuthenticatorOptions = {},
  ) {
    this.recheckMs = options.recheckMs ?? 1000;
    this.lastUsedWriteMs = options.lastUsedWriteMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The key's principal, or null for a missing, malformed, unknown or revoked key. */
  async authenticate(key: string | null): Promise<ApiKeyPrincipal | null> {
    const known = this.peek(key);
    if (known !== undefined) return known;
    const principal = await this.check(key!);
    if (principal) this.touch(principal.id);
    return principal;
  }

  /** Synchronous answer from memory; undefined when the key must be (re)checked in the database. */
  peek(key: string | null): ApiKeyPrincipal | null | undefined {
    if (!key || prefixOfApiKey(key) === null) return null;
    const entry = this.entries.get(key);
    if (!entry || this.now() - entry.checkedAt >= this.recheckMs) return undefined;
    if (entry.principal) this.touch(entry.principal.id);
    return entry.principal;
  }

  private check(key: string): Promise<ApiKeyPrincipal | null> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.lookup(key)
        .then((principal) => {
          if (this.entries.size >= this.maxEntries)
            this.entries.delete(this.entries.keys().next().value!);
          this.entries.delete(key);
          this.entries.set(key, { principal, checkedAt: this.now() });
          return principal;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async lookup(key: string): Promise<ApiKeyPrincipal | null> {
    const row = await findActiveApiKey(this.db, prefixOfApiKey(key)!);
    return row && apiKeyMatches(key, row.keyHash) ? { id: row.id, name: row.name } : null;
  }

  /** Records use at most once per interval per key, off the request path. */
  private touch(id: string) {
    const now = this.now();
    if (now - (this.lastUsedWritten.get(id) ?? 0) < this.lastUsedWriteMs) return;
    this.lastUsedWritten.set(id, now);
    this.db.apiKey
      .update({ where: { id }, data: { lastUsedAt: new Date(now) } })
      .catch((error: unknown) => {
        console.error("could not record an API key's last use", error);
      });
  }
}
