import "server-only";
import { getDb } from "../db";
import { startEnforcementApi, type EnforcementApi, type IncomingCall } from "../enforcement/http";
import { readBodyCapped } from "../http/body";

const globalForEnforcement = globalThis as unknown as {
  scopewardenEnforcement?: Promise<EnforcementApi>;
};

/**
 * This instance's enforcement API: one grant cache and one change-log poller per process (kept on
 * globalThis, so every route bundle shares them), started on first use.
 */
export function getEnforcementApi(): Promise<EnforcementApi> {
  globalForEnforcement.scopewardenEnforcement ??= startEnforcementApi(getDb()).catch(
    (error: unknown) => {
      globalForEnforcement.scopewardenEnforcement = undefined;
      throw error;
    },
  );
  return globalForEnforcement.scopewardenEnforcement;
}

export function callOf(request: Request): IncomingCall {
  return {
    header: (name) => request.headers.get(name),
    readBody: () => readBodyCapped(request.body),
  };
}
