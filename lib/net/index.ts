// Outbound requests that cannot reach inside: classify addresses, check a target, fetch under the
// guard. Framework-free: pages, jobs, CLIs and tests use the same functions.
export { classifyAddress, isPublicAddress, type AddressVerdict } from "./address";
export { guardedFetch, type GuardedRequest, type GuardedResponse } from "./guarded-fetch";
export { outboundPolicyFromEnv } from "./policy";
export {
  checkTarget,
  describeRefusal,
  OutboundError,
  systemResolve,
  type CheckedTarget,
  type OutboundErrorCode,
  type OutboundPolicy,
  type Resolve,
} from "./target";
