// A link in a queued mail (an invitation, a password reset) is a live credential until it
// expires, so the outbox keeps it sealed: AES-256-GCM under a key the database does not hold. The
// text holds the placeholder LINK_PLACEHOLDER; the link is opened and put in at send time, and the
// sealed copy is cleared once the mail is sent.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getMailEnv } from "../env";

export const LINK_PLACEHOLDER = "{{link}}";

let processKey: Buffer | undefined;
function key(): Buffer {
  const { MAIL_LINK_KEY, NEXTAUTH_SECRET, NODE_ENV } = getMailEnv();
  const secret = MAIL_LINK_KEY ?? NEXTAUTH_SECRET;
  if (secret) return createHash("sha256").update(`scopewarden mail links\0${secret}`).digest();
  if (NODE_ENV === "production")
    throw new Error("MAIL_LINK_KEY or NEXTAUTH_SECRET must be set to queue mail with links");
  // Tests and tools without a secret: links live as long as this process.
  return (processKey ??= randomBytes(32));
}

export function sealLink(link: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(link, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The link, or null when it was sealed under another key (or tampered with). */
export function openLink(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}
