import { z } from "zod";

const id = (what: string) => z.uuid(`That ${what} was not found.`);
const reason = (why: string) =>
  z.string({ error: why }).trim().min(3, why).max(1000, "Use at most 1,000 characters.");
const optionalReason = z
  .string()
  .trim()
  .max(1000, "Use at most 1,000 characters.")
  .nullish()
  .transform((s) => s || null);
const expectedVersion = z.coerce.number().int().min(1).optional();

/**
 * An expiry date as a form sends it (YYYY-MM-DD, the grant ends at the end of that UTC day), or
 * empty for none. Later than the policy's maximum is capped to it.
 */
export const ZExpiryDate = z
  .union([
    z.literal("").transform(() => null),
    z.date({ error: "Give the expiry as a date (YYYY-MM-DD)." }),
    z.iso
      .date({ error: "Give the expiry as a date (YYYY-MM-DD)." })
      .transform((day) => new Date(`${day}T23:59:59.999Z`)),
  ])
  .nullish();

export const ZDecision = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("approve"),
      appScopeId: id("request"),
      expectedVersion,
      reason: optionalReason,
      /** An earlier end than the policy's maximum lifetime. */
      expiresAt: ZExpiryDate,
    }),
    z.object({
      kind: z.literal("deny"),
      appScopeId: id("request"),
      expectedVersion,
      reason: reason("Say why the request is denied; the partner reads it."),
    }),
    z.object({
      kind: z.literal("narrow"),
      appScopeId: id("request"),
      expectedVersion,
      narrowedScope: z
        .string({ error: "Write the narrower scope to grant." })
        .trim()
        .min(1, "Write the narrower scope to grant.")
        .max(2000),
      reason: optionalReason,
    }),
    z.object({
      kind: z.literal("request_changes"),
      appScopeId: id("request"),
      expectedVersion,
      reason: reason("Say what the partner should change."),
    }),
  ],
  { error: "Choose approve, deny, narrow or request changes." },
);
export type TDecision = z.infer<typeof ZDecision>;

/** Denying several requests at once still tells the partner why. */
function denialNeedsReason<T extends { kind: "approve" | "deny"; reason: string | null }>(
  v: T,
  ctx: z.RefinementCtx<T>,
) {
  if (v.kind === "deny" && (!v.reason || v.reason.length < 3))
    ctx.addIssue({
      code: "custom",
      path: ["reason"],
      message: "Say why these requests are denied; the partner reads it.",
    });
}

export const ZBulkDecision = z
  .object({
    kind: z.enum(["approve", "deny"], { error: "Bulk decisions approve or deny." }),
    appScopeIds: z
      .array(id("request"))
      .min(1, "Select at least one request.")
      .max(100, "Decide at most 100 requests at once."),
    reason: optionalReason,
  })
  .superRefine(denialNeedsReason);

export const ZRevokeGrant = z.object({
  appScopeId: id("grant"),
  reason: reason("Say why the grant is revoked; the partner reads it."),
});
export const ZRevokeAppGrants = z.object({
  appId: id("app"),
  reason: reason("Say why every grant is revoked; the partner reads it."),
});

const ZStatus = z.enum(["active", "suspended"], { error: "Choose active or suspended." });

function requireSuspendReason(what: string) {
  return (v: { status: string; reason: string | null }, ctx: z.RefinementCtx) => {
    if (v.status === "suspended" && (!v.reason || v.reason.length < 3)) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: `Say why the ${what} is suspended; the partner reads it.`,
      });
    }
  };
}

export const ZSetAppStatus = z
  .object({ appId: id("app"), status: ZStatus, reason: optionalReason })
  .superRefine(requireSuspendReason("app"));
export const ZSetOrganizationStatus = z
  .object({ organizationId: id("organisation"), status: ZStatus, reason: optionalReason })
  .superRefine(requireSuspendReason("organisation"));

/** Approve or deny an app's request set: the pending scopes the admin saw, in one transaction. */
export const ZSetDecision = z
  .object({
    appId: id("app"),
    kind: z.enum(["approve", "deny"], { error: "Approve all or deny all." }),
    appScopeIds: z
      .array(id("request"))
      .min(1, "The app has no pending requests.")
      .max(200, "Decide at most 200 requests at once."),
    reason: optionalReason,
  })
  .superRefine(denialNeedsReason);

export const ZAssignApp = z.object({
  appId: id("app"),
  /** null: unassigned. */
  assigneeId: id("administrator").nullable(),
});

export const ZSaveQueueFilter = z.object({
  name: z
    .string({ error: "Name the filter." })
    .trim()
    .min(1, "Name the filter.")
    .max(60, "Use at most 60 characters."),
  /** The queue's query string, e.g. "risk=critical&assignee=me". */
  query: z
    .string()
    .max(1000, "That filter is too long to save.")
    .transform((q) => q.replace(/^\?/, "")),
});
export const ZDeleteQueueFilter = z.object({ id: id("saved filter") });
export const ZRenewalRequest = z.object({ appScopeId: id("grant") });
export const ZRenewalApproval = z.object({ appScopeId: id("grant"), reason: optionalReason });
