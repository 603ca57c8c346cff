import "server-only";
import { getDb } from "../db";
import { startEnforcementApi, type EnforcementApi, type IncomingCall } from "../enforcement/http";
import { sharedEnforcementApi } from "../instance";
import { readBodyCapped } from "../http/body";

/**
 * This instance's enforcement API: one grant cache and one change-log poller per process, the
 * front server's (lib/runtime/shared.ts), or started on first use.
 */
export function getEnforcementApi(): Promise<EnforcementApi> {
  return sharedEnforcementApi(() => startEnforcementApi(getDb()));
}

export function callOf(request: Request): IncomingCall {
  return {
    header: (name) => request.headers.get(name),
    readBody: () => readBodyCapped(request.body),
  };
}
