import { describe, expect, it } from "vitest";
import { computeSignature, signatureHeader, verifyWebhookSignature } from "./signature";

const secret = "whsec_current-secret-current-secret-current-sec";
const old = "whsec_previous-secret-previous-secret-previous-s";
const body = JSON.stringify({
  id: "evt_1",
  type: "grant.approved",
  data: { scope: "system/Patient.rs" },
});
const at = new Date("2026-11-29T12:00:00Z");
const t = Math.floor(at.getTime() / 1000);

describe("webhook signatures", () => {
  it("signs '<t>.<body>' with HMAC-SHA256 and verifies what it signed", () => {
    const header = signatureHeader([secret], t, body);
    expect(header).toBe(`t=${t},v1=${computeSignature(secret, t, body)}`);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ header, rawBody: body, secrets: secret, now: at })).toEqual({
      ok: true,
      timestamp: t,
    });
  });

  it("refuses a tampered body, a wrong secret and a malformed header", () => {
    const header = signatureHeader([secret], t, body);
    expect(
      verifyWebhookSignature({
        header,
        rawBody: body.replace("Patient", "Coverage"),
        secrets: secret,
        now: at,
      }),
    ).toEqual({ ok: false, reason: "mismatch" });
    expect(
      verifyWebhookSignature({ header, rawBody: body, secrets: "whsec_someone-else", now: at }),
    ).toEqual({ ok: false, reason: "mismatch" });
    expect(
      verifyWebhookSignature({ header: "v1=abc", rawBody: body, secrets: secret, now: at }),
    ).toEqual({ ok: false, reason: "malformed" });
    expect(
      verifyWebhookSignature({ header: null, rawBody: body, secrets: secret, now: at }),
    ).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses an old (replayed) or future timestamp outside the tolerance", () => {
    const header = signatureHeader([secret], t, body);
    expect(
      verifyWebhookSignature({
        header,
        rawBody: body,
        secrets: secret,
        now: new Date(at.getTime() + 301_000),
      }),
    ).toEqual({ ok: false, reason: "stale" });
    expect(
      verifyWebhookSignature({
        header,
        rawBody: body,
        secrets: secret,
        now: new Date(at.getTime() - 301_000),
      }),
    ).toEqual({ ok: false, reason: "stale" });
    expect(
      verifyWebhookSignature({
        header,
        rawBody: body,
        secrets: secret,
        now: new Date(at.getTime() + 299_000),
      }).ok,
    ).toBe(true);
    expect(
      verifyWebhookSignature({
        header,
        rawBody: body,
        secrets: secret,
        now: new Date(at.getTime() + 3_600_000),
        toleranceSeconds: 7200,
      }).ok,
    ).toBe(true);
  });

  it("carries both signatures during a rotation, so receivers on either secret accept it", () => {
    const header = signatureHeader([secret, old], t, body);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifyWebhookSignature({ header, rawBody: body, secrets: old, now: at }).ok).toBe(true);
    expect(verifyWebhookSignature({ header, rawBody: body, secrets: secret, now: at }).ok).toBe(
      true,
    );
    expect(
      verifyWebhookSignature({ header, rawBody: body, secrets: [secret, old], now: at }).ok,
    ).toBe(true);
    // After the overlap only the new secret signs: a receiver still on the old one notices.
    expect(
      verifyWebhookSignature({
        header: signatureHeader([secret], t, body),
        rawBody: body,
        secrets: old,
        now: at,
      }).ok,
    ).toBe(false);
  });
});
