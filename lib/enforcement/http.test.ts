import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertReaching } from "../testing/reach";
import { acceptPlainDecisionRequest, parseDecisionBody } from "./http";
import { MAX_ACCESS_TOKEN_CHARS } from "./access-token";
import { MAX_TOKEN_SCOPES_CHARS, ZDecisionRequest } from "./schemas";

// Strings on both sides of every limit of ZDecisionRequest. Near a limit they are ASCII: zod
// counts code points and the shortcut UTF-16 units, so an emoji-heavy string at the limit is
// left to zod (still refused or accepted correctly, only slower).
const LIMITS = {
  clientId: 100,
  tokenScopes: MAX_TOKEN_SCOPES_CHARS,
  accessToken: MAX_ACCESS_TOKEN_CHARS,
  path: 4096,
  query: 8192,
};
const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const anyChar = fc.oneof(printable, fc.constantFrom("\u0000", "é", "\ud800", "😀", "\n"));
const sized = (min: number, max: number, unit: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit, minLength: min, maxLength: min + 20 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(printable, fc.integer({ min: max - 2, max }))
        .map(([c, n]) => c.repeat(n)),
    },
  );

const arbRequest = fc.record(
  {
    method: fc.stringMatching(/^[A-Za-z]{1,16}$/),
    path: sized(1, LIMITS.path, anyChar),
    query: sized(0, LIMITS.query, anyChar),
  },
  { requiredKeys: ["method", "path"] },
);

/** Bodies ZDecisionRequest accepts, JSON-shaped as they arrive: scopes asserted, or the token. */
const arbValidBody = fc.oneof(
  fc.record(
    {
      clientId: sized(1, LIMITS.clientId, printable),
      tokenScopes: sized(0, LIMITS.tokenScopes, printable),
      request: arbRequest,
    },
    { requiredKeys: ["clientId", "request"] },
  ),
  fc.record(
    {
      clientId: sized(1, LIMITS.clientId, printable),
      accessToken: sized(1, LIMITS.accessToken, anyChar),
      request: arbRequest,
    },
    { requiredKeys: ["accessToken", "request"] },
  ),
);

/** One edit that may take a valid body across a boundary (or keep it valid). */
const arbEdit = fc.oneof(
  fc
    .constantFrom("clientId", "tokenScopes", "accessToken", "request", "method", "path", "query")
    .chain((field) =>
      fc
        .oneof(
          fc.constantFrom(null, 7, true, [], {}, "", "G E T", "a\u0000b", "é", "\ud800", undefined),
          fc.string({ unit: anyChar, maxLength: 20 }),
          fc.constant("x".repeat((LIMITS[field as keyof typeof LIMITS] ?? 16) + 1)),
        )
        .map((value) => ({ field, value })),
    ),
  fc.constantFrom("extra", "__proto__", "constructor").map((field) => ({ field, value: 1 })),
);

type Body = Record<string, unknown> & { request: Record<string, unknown> };
function applyEdit(body: Body, { field, value }: { field: string; value: unknown }) {
  const copy: Body = { ...body, request: { ...body.request } };
  const target = ["method", "path", "query"].includes(field) ? copy.request : copy;
  if (value === undefined) delete target[field];
  else target[field] = value;
  return JSON.parse(JSON.stringify(copy)) as unknown; // as the wire delivers it
}

const arbBody = fc.oneof(
  { weight: 3, arbitrary: arbValidBody.map((b) => JSON.parse(JSON.stringify(b)) as unknown) },
  { weight: 2, arbitrary: fc.tuple(arbValidBody, arbEdit).map(([b, e]) => applyEdit(b, e)) },
);

describe("the decision body shortcut", () => {
  it("never accepts what the zod schema refuses, and returns the same data when it accepts", () => {
    assertReaching(
      fc.property(arbBody, (body) => {
        const fast = acceptPlainDecisionRequest(body);
        fc.pre(fast !== null);
        expect(ZDecisionRequest.parse(body)).toEqual(fast);
      }),
      { numRuns: 3000 },
    );
  });

  it("takes every plain request zod accepts, so the hot path rarely needs zod", () => {
    assertReaching(
      fc.property(arbBody, (body) => {
        fc.pre(ZDecisionRequest.safeParse(body).success);
        expect(acceptPlainDecisionRequest(body)).not.toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it("takes the common request, and leaves anything unusual to zod's messages", () => {
    const plain = {
      clientId: "swc_1",
      tokenScopes: "openid",
      request: { method: "GET", path: "/Patient/1", query: "a=b" },
    };
    expect(acceptPlainDecisionRequest(plain)).toBe(plain);
    expect(
      acceptPlainDecisionRequest({ ...plain, request: { ...plain.request, method: "G E T" } }),
    ).toBeNull();
    const refused = parseDecisionBody({ kind: "ok", text: JSON.stringify({ ...plain, extra: 1 }) });
    expect(refused).toMatchObject({
      status: 400,
      body: {
        error: {
          message: "Unknown field(s): extra. Allowed: clientId, accessToken, tokenScopes, request.",
        },
      },
    });
    expect(parseDecisionBody({ kind: "ok", text: "[]" })).toMatchObject({ status: 400 });
    expect(parseDecisionBody({ kind: "too_large" })).toMatchObject({ status: 413 });
    const nul = parseDecisionBody({
      kind: "ok",
      text: JSON.stringify({ ...plain, clientId: "a\u0000b" }),
    });
    expect(nul).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
  });
});
