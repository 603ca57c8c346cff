import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  deriveWebhookKey,
  encryptSecret,
  generateWebhookSecret,
  isWebhookSecret,
} from "./secrets";

const key = deriveWebhookKey("a-development-key-of-at-least-32-characters");

describe("webhook secrets", () => {
  it("are whsec_ followed by 256 random bits, never twice the same", () => {
    const a = generateWebhookSecret();
    expect(isWebhookSecret(a)).toBe(true);
    expect(a).not.toBe(generateWebhookSecret());
  });

  it("round-trip through AES-256-GCM, with a fresh nonce each time", () => {
    const secret = generateWebhookSecret();
    const stored = encryptSecret(secret, key);
    expect(stored).not.toContain(secret.slice(6));
    expect(stored).not.toBe(encryptSecret(secret, key));
    expect(decryptSecret(stored, key)).toBe(secret);
  });

  it("refuse to decrypt with another key or after tampering", () => {
    const stored = encryptSecret(generateWebhookSecret(), key);
    expect(() =>
      decryptSecret(stored, deriveWebhookKey("another-key-material-of-32-characters!!")),
    ).toThrow();
    const [v, iv, tag, body] = stored.split(".");
    const flipped = `${v}.${iv}.${tag}.${body!.slice(0, -2)}${body!.endsWith("AA") ? "BB" : "AA"}`;
    expect(() => decryptSecret(flipped, key)).toThrow();
    expect(() => deriveWebhookKey("short")).toThrow(/32 characters/);
  });
});
