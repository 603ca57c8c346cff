// Webhook signatures: HMAC-SHA256 over "<unix seconds>.<raw body>", sent as
// `Scopewarden-Signature: t=<seconds>,v1=<hex>[,v1=<hex>]`. A second v1 carries the signature with
// the previous secret while a rotation overlaps, so receivers can switch secrets without a gap.
// Pure: no database, no clock of its own; receivers can use verifyWebhookSignature as is.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Scopewarden-Signature";
export const EVENT_HEADER = "Scopewarden-Event";
export const DELIVERY_HEADER = "Scopewarden-Delivery";
/** Signatures older (or further in the future) than this are refused: a replayed request goes stale. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function computeSignature(secret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex");
}

/** The header value for a body signed at `timestamp` with each secret given (current first). */
export function signatureHeader(
  secrets: readonly string[],
  timestamp: number,
  rawBody: string,
): string {
  if (secrets.length === 0) throw new Error("At least one signing secret is needed.");
  return [
    `t=${timestamp}`,
    ...secrets.map((s) => `v1=${computeSignature(s, timestamp, rawBody)}`),
  ].join(",");
}

export type ParsedSignature = { timestamp: number; signatures: string[] };

export function parseSignatureHeader(header: string | null | undefined): ParsedSignature | null {
  if (!header) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

export type VerifyResult =
  { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "stale" | "mismatch" };

/**
 * Checks a delivery the way a receiver should: the header parses, its timestamp is within the
 * tolerance of `now`, and one of its v1 signatures matches one of `secrets` (pass both the new
 * and the old secret while you rotate). Compare against the raw body bytes, before any JSON parse.
 */
export function verifyWebhookSignature(input: {
  header: string | null | undefined;
  rawBody: string;
  secrets: string | readonly string[];
  now?: Date;
  toleranceSeconds?: number;
}): VerifyResult {
  const parsed = parseSignatureHeader(input.header);
  if (!parsed) return { ok: false, reason: "malformed" };
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (
    Math.abs(nowSeconds - parsed.timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)
  )
    return { ok: false, reason: "stale" };
  const secrets = typeof input.secrets === "string" ? [input.secrets] : input.secrets;
  for (const secret of secrets) {
    const expected = Buffer.from(computeSignature(secret, parsed.timestamp, input.rawBody), "hex");
    if (parsed.signatures.some((s) => timingSafeEqual(Buffer.from(s, "hex"), expected)))
      return { ok: true, timestamp: parsed.timestamp };
  }
  return { ok: false, reason: "mismatch" };
}
