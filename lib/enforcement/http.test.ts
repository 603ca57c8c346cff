import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptPlainDecisionRequest, parseDecisionBody } from "./http";
import { ZDecisionRequest } from "./schemas";

const fieldValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("GET", "/Observation", "", "x".repeat(5000)),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
);
const requestLike = fc.dictionary(fc.constantFrom("method", "path", "query", "extra"), fieldValue, {
  maxKeys: 4,
});
const bodyLike = fc.record(
  {
    clientId: fieldValue,
    tokenScopes: fieldValue,
    request: fc.oneof(requestLike, fieldValue),
    other: fieldValue,
  },
  { requiredKeys: [] },
);

describe("the decision body shortcut", () => {
  it("never accepts what the zod schema refuses, and returns the same data when it accepts", () => {
    fc.assert(
      fc.property(bodyLike, (body) => {
        const fast = acceptPlainDecisionRequest(body);
        if (fast) expect(ZDecisionRequest.parse(body)).toEqual(fast);
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
        error: { message: "Unknown field(s): extra. Allowed: clientId, tokenScopes, request." },
      },
    });
    expect(parseDecisionBody({ kind: "ok", text: "[]" })).toMatchObject({ status: 400 });
    expect(parseDecisionBody({ kind: "too_large" })).toMatchObject({ status: 413 });
  });
});
