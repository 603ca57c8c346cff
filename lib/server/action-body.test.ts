// The proxy's check of server-action bodies: whatever React's own client encodes passes (no call a
// browser makes is refused), and the malformed bodies that make Next.js answer 500 do not.
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isActionBody } from "./action-body";

type EncodeReply = (value: unknown) => Promise<string | FormData>;
const { encodeReply } = createRequire(import.meta.url)(
  "next/dist/compiled/react-server-dom-webpack/client.node",
) as { encodeReply: EncodeReply };

const text = fc.oneof(
  fc.string(),
  fc.string().map((s) => `$${s}`),
  fc.constantFrom("$", "$$", "$1"),
);
const leaf = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
  fc.bigInt(),
  text.map((s) => new File([s], `${s.slice(0, 8)}.json`, { type: "application/json" })),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object"), tie("map"), tie("set")),
  array: fc.array(tie("node"), { maxLength: 4 }),
  object: fc.dictionary(fc.string(), tie("node"), { maxKeys: 4, noNullPrototype: true }),
  map: fc.array(fc.tuple(fc.string(), tie("node")), { maxLength: 3 }).map((e) => new Map(e)),
  set: fc.array(fc.string(), { maxLength: 3 }).map((e) => new Set(e)),
})).node;

describe("what React's client encodes", () => {
  it("always passes, in text and in form encoding", async () => {
    let forms = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 3 }), async (args) => {
        const body = await encodeReply(args);
        if (typeof body !== "string") forms++;
        expect(isActionBody(body)).toBe(true);
      }),
      { numRuns: 400 },
    );
    // Both encodings were exercised in a fair share of the runs.
    expect(forms).toBeGreaterThan(40);
  });
});

const form = (fields: Record<string, string | File>) => {
  const data = new FormData();
  for (const [name, field] of Object.entries(fields)) data.append(name, field);
  return data;
};

describe("malformed bodies", () => {
  it.each<[string, string | FormData]>([
    ["not JSON", "not json"],
    ["truncated JSON", '[{"name":"x"}'],
    ["empty", ""],
    ["not an argument list", '{"name":"x"}'],
    ["a bare string", '"x"'],
    ["a reference in a text body", '["$1"]'],
    ["a map in a text body", '[{"name":"$Q1"}]'],
    ["a server reference in a text body", '["$h1"]'],
    ["a blob in a text body", '["$B1"]'],
    ["an unknown tag", '["$zz"]'],
    ["a bigint that is not a number", '["$nabc"]'],
    ["a form without its root", form({ "1": "[]" })],
    ["a form whose root is not JSON", form({ "0": "[{" })],
    ["a form with a missing part", form({ "0": '[{"file":"$B1"}]' })],
    ["a form whose row is not JSON", form({ "0": '["$1"]', "1": "{oops" })],
    ["a form whose rows point nowhere", form({ "0": '["$1"]', "1": '["$2"]' })],
  ])("%s is refused", (_what, body) => {
    expect(isActionBody(body)).toBe(false);
  });

  it("a form whose rows point at each other is read once and passes", () => {
    expect(isActionBody(form({ "0": '["$1"]', "1": '["$1","$0"]' }))).toBe(true);
  });
});
