// Generators for fuzzing /api/v1: hostile text (NUL bytes, lone surrogates, over-long strings,
// broken percent-encoding) mixed with requests the routes accept, so each run reaches both the
// validation and the database behind it.
import fc from "fast-check";
import { arbValidScope } from "@/lib/scopes/arbitraries.test-util";

/** Percent-encodes every byte that is not unreserved (lone surrogates become U+FFFD's bytes). */
export const encodeRaw = (text: string) =>
  [...Buffer.from(text, "utf8")]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");

export const arbHostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", " ", "abc\u0000", "a\u0000b", "\ud800", "\udc00x", "é", "😀", "../x"),
  fc.constantFrom("x".repeat(101), "x".repeat(5000), "swc_nobody", "%00", "%ED%A0%80"),
);

/** Raw percent-encoded forms as they arrive in a URL, broken ones included. */
export const arbRawSegment = fc.oneof(
  fc.constantFrom("abc%00", "%ED%A0%80", "%C0%80", "%FF", "%", "%zz", "a%2Fb", "%F0%9F%98"),
  arbHostileText.map(encodeRaw),
);

export const arbQueryString = fc.oneof(
  { weight: 3, arbitrary: fc.constant("") },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.oneof(fc.constantFrom("a", "format", "q"), arbRawSegment), arbRawSegment)
      .map(([name, value]) => `?${name}=${value}`),
  },
);

export const arbKeyChoice = fc.oneof(
  { weight: 12, arbitrary: fc.constant("valid" as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("none" as const, "revoked" as const, "garbage" as const),
  },
);

export const arbContentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant("application/json") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, "text/plain", "application/fhir+json; charset=utf-8"),
  },
);

const arbMethod = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD") },
  { weight: 1, arbitrary: arbHostileText },
);
const arbFhirPath = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("/Observation", "/Patient/1", "/$export", "/metadata") },
  { weight: 1, arbitrary: arbHostileText },
);
const arbFhirQuery = fc.oneof(
  fc.constantFrom("patient=p1", "category=laboratory&patient=p1", ""),
  arbHostileText,
);
const arbTokenScopes = fc.oneof(
  fc.array(arbValidScope, { maxLength: 4 }).map((s) => s.join(" ")),
  arbHostileText,
);

/** A decision body: mostly well-formed for a real client, else hostile, broken or too large. */
export const arbDecisionBody = (
  clientIds: string[],
): fc.Arbitrary<string | Uint8Array<ArrayBuffer>> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .record(
          {
            clientId: fc.oneof(
              { weight: 8, arbitrary: fc.constantFrom(...clientIds) },
              { weight: 1, arbitrary: arbHostileText },
            ),
            tokenScopes: arbTokenScopes,
            request: fc.record(
              { method: arbMethod, path: arbFhirPath, query: arbFhirQuery },
              { requiredKeys: ["method", "path"] },
            ),
          },
          { requiredKeys: ["clientId", "request"] },
        )
        .map((body) => JSON.stringify(body)),
    },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "{not json",
        "[]",
        "null",
        '{"clientId":"a\\u0000b","request":{"method":"GET","path":"/"}}',
        '{"clientId":"\\ud800","request":{"method":"GET","path":"/"}}',
        JSON.stringify({ clientId: "x", tokenScopes: "x ".repeat(10_000), request: {} }),
        new Uint8Array([0x7b, 0xff, 0x7d]),
      ),
    },
  );

/** nginx auth_request headers (header values are Latin-1 without NUL, CR or LF). */
const arbHeaderText = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
    .map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
export const arbNginxHeaders = (clientIds: string[]) =>
  fc.oneof(
    {
      // What a gateway sends for a request the first client may make.
      weight: 3,
      arbitrary: fc.record({
        "X-Client-Id": fc.constant(clientIds[0]!),
        "X-Original-URI": fc.constantFrom(
          "/fhir/Observation?patient=p1",
          "/fhir/Observation?patient=p1&category=laboratory",
        ),
        "X-Original-Method": fc.constantFrom("GET", "get"),
        "X-Token-Scopes": fc.constant("launch/patient patient/Observation.rs"),
        "X-FHIR-Base": fc.constant("/fhir"),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          "X-Client-Id": fc.oneof(fc.constantFrom(...clientIds), arbHeaderText),
          "X-Original-URI": fc.oneof(
            fc.constantFrom("/fhir/Patient/1", "/Observation"),
            arbHeaderText,
          ),
          "X-Original-Method": fc.oneof(fc.constantFrom("GET", "POST"), arbHeaderText),
          "X-Token-Scopes": fc.oneof(fc.constant("system/Patient.rs"), arbHeaderText),
          "X-FHIR-Base": fc.constantFrom("/fhir", ""),
        },
        { requiredKeys: ["X-Original-URI"] },
      ),
    },
  );

export const arbExportFormat = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(null, "generic", "keycloak") },
  { weight: 1, arbitrary: arbRawSegment },
);

export const arbAnalyzeBody: fc.Arbitrary<string | Uint8Array<ArrayBuffer>> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.array(arbValidScope, { maxLength: 8 }),
        fc.boolean(),
        fc.constantFrom(undefined, "public"),
      )
      .map(([scopes, asArray, clientType]) =>
        JSON.stringify({ scopes: asArray ? scopes : scopes.join(" "), clientType }),
      ),
  },
  { weight: 1, arbitrary: arbHostileText.map((s) => JSON.stringify({ scopes: s })) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      JSON.stringify({ scopes: "openid ".repeat(201) }),
      JSON.stringify({ scopes: "a".repeat(20_000) }),
      '{"scopes": 1}',
      new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]),
    ),
  },
);
