// The operator's outbound policy: whether the server may send requests to internal addresses.
import { getOutboundEnv } from "../env";
import type { OutboundPolicy } from "./target";

/**
 * OUTBOUND_ALLOW_PRIVATE_TARGETS (or its older name WEBHOOK_ALLOW_PRIVATE_TARGETS); unset:
 * refused in production, allowed in development and tests.
 */
export function outboundPolicyFromEnv(): OutboundPolicy {
  const env = getOutboundEnv();
  const allow =
    env.OUTBOUND_ALLOW_PRIVATE_TARGETS ??
    env.WEBHOOK_ALLOW_PRIVATE_TARGETS ??
    (env.NODE_ENV === "production" ? "false" : "true");
  return { allowPrivateTargets: allow === "true" };
}
