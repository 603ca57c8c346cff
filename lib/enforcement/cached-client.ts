// One client as the grant cache holds it: its status and compiled live grants (decide.ts), plus
// what the grants endpoint answers with. Kept small: the scope strings are the process-wide shared
// instances, and the compiled grants share their parts with every other client (lib/scopes).
import { sharedScopeString } from "../scopes";
import { compileClientGrants, type CompiledGrants } from "./decide";
import type { ClientGrantsRow } from "./queries";
import type { UsageCounts } from "../usage/recorder";

export type CachedClient = CompiledGrants & {
  readonly appId: string;
  readonly clientId: string;
  readonly version: number;
  /** Canonical v2 scopes in state granted, sorted (each string shared by every client holding it). */
  readonly scopes: readonly string[];
  /** Second-chance bit: set on every hit, cleared when the eviction sweep passes the entry. */
  isUsed: boolean;
  /** Decisions counted since the last usage write (lib/usage/recorder.ts); null otherwise. */
  usage: UsageCounts | null;
};

export function toCachedClient(row: ClientGrantsRow): CachedClient {
  const { appStatus, partnerStatus, index, unnarrowed } = compileClientGrants(row, row.scopes);
  return {
    appStatus,
    partnerStatus,
    index,
    unnarrowed,
    appId: row.appId,
    clientId: row.clientId,
    version: row.version,
    scopes: row.scopes.map(sharedScopeString),
    isUsed: false,
    usage: null,
  };
}
