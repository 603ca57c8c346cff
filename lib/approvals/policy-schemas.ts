import { z } from "zod";
import { ZPolicy } from "../policy";

/** Saving a policy: the document is checked on its own with ZPolicy, so its errors keep paths like "rules.2.description". */
export const ZSavePolicy = z.object({
  policy: z.unknown(),
  note: z
    .string({ error: "Say why the policy changes; the note is kept with the version." })
    .trim()
    .min(
      3,
      "Say why the policy changes (at least 3 characters); the note is kept with the version.",
    )
    .max(1000, "Use at most 1,000 characters."),
  /** The version the editor started from: saving over a newer one would silently undo someone's change. */
  baseVersion: z.coerce
    .number({ error: "Reload the page: the version you edited is unknown." })
    .int()
    .min(1, "Reload the page: the version you edited is unknown."),
});
export type TSavePolicy = z.infer<typeof ZSavePolicy>;

/** What the editor sends to be saved: savePolicy checks the envelope and the document together. */
export type SavePolicyInput = Omit<z.input<typeof ZSavePolicy>, "policy"> & {
  policy: z.input<typeof ZPolicy>;
};

export const ZPolicyVersionNumber = z.coerce.number().int().min(1).max(1_000_000);
