/** The default approval policy of PRODUCT.md; admins may replace it with their own document. */
import type { Policy } from "./types";

export const DEFAULT_POLICY: Policy = {
  rules: [
    {
      id: "system-wildcard",
      description: "Backend access to every resource type needs two different admins.",
      outcome: "two_approvers",
      match: { contexts: ["system"], wildcardResource: true },
    },
    {
      id: "system-write",
      description: "Backend create, update or delete needs two different admins.",
      outcome: "two_approvers",
      match: { contexts: ["system"], permissionsAny: ["c", "u", "d"] },
    },
    {
      id: "write",
      description: "Create, update or delete access (v1 write) needs an admin's approval.",
      outcome: "one_approver",
      match: { kinds: ["clinical"], permissionsAny: ["c", "u", "d"] },
    },
    {
      id: "system-read",
      description: "Backend (system) access needs an admin's approval.",
      outcome: "one_approver",
      match: { contexts: ["system"] },
    },
    {
      id: "wildcard",
      description: "Access to every resource type (`*`) needs an admin's approval.",
      outcome: "one_approver",
      match: { wildcardResource: true },
    },
    {
      id: "named-read",
      description:
        "Read and search on a named resource type for a patient or user is granted at once.",
      outcome: "grant",
      match: { kinds: ["clinical"], contexts: ["patient", "user"], wildcardResource: false },
    },
    {
      id: "non-clinical",
      description: "Identity, launch-context and refresh-token scopes are granted at once.",
      outcome: "grant",
      match: { kinds: ["identity", "launch", "refresh"] },
    },
  ],
  fallback: "one_approver",
};
