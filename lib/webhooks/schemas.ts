import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "./outbox";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** https anywhere; plain http only to this machine (local receivers, development). */
export const ZWebhookUrl = z
  .string({ error: "Enter the endpoint's URL." })
  .trim()
  .min(1, "Enter the endpoint's URL.")
  .max(2000, "The URL is too long (2,000 characters at most).")
  .refine(
    (value) => URL.canParse(value),
    "Enter a full URL, such as https://gateway.example.com/hooks/scopewarden.",
  )
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  }, "Use https:// (plain http:// is allowed only for localhost and 127.0.0.1).")
  .refine(
    (value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password),
    "Leave credentials out of the URL; verify the signature instead.",
  );

const ZEvents = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Unknown event type." }), {
    error: "Choose at least one event.",
  })
  .min(1, "Choose at least one event.")
  .transform((events) => [...new Set(events)].sort());

export const ZCreateEndpoint = z.object({
  url: ZWebhookUrl,
  description: z.string().trim().max(200, "Keep the description under 200 characters.").default(""),
  events: ZEvents,
  /** Partners only: limit the endpoint to one of their apps. */
  appId: z
    .union([z.literal("").transform(() => null), z.uuid("Choose one of your apps.")])
    .nullish()
    .transform((v) => v ?? null),
});
export type TCreateEndpoint = z.output<typeof ZCreateEndpoint>;

export const ZEndpointId = z.uuid("That webhook endpoint was not found.");
export const ZDeliveryId = z.uuid("That delivery was not found.");
