// fast-check generators of what an attacker can send a server action: everything React's decoder
// can produce (JSON, undefined, dates, bigints, maps, sets, files), shaped like the action's input
// (its field names, some of its allowed values) so that refusals come from deep in the schema too.
import fc from "fast-check";
import type { z } from "zod";

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  in?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

/** The object shapes a schema accepts (several for unions), with wrappers unwrapped. */
function shapesOf(schema: z.ZodType): Record<string, z.ZodType>[] {
  const def = defOf(schema);
  if (def.shape) return [def.shape];
  if (def.options) return def.options.flatMap(shapesOf);
  if (def.left && def.right) {
    const [left = {}] = shapesOf(def.left);
    return shapesOf(def.right).map((right) => ({ ...left, ...right }));
  }
  const inner = def.in ?? def.innerType;
  return inner ? shapesOf(inner) : [];
}

/** Values the field allows outright (enum members, literals), to get past the first check. */
function allowedOf(schema: z.ZodType): unknown[] {
  const def = defOf(schema);
  if (def.entries) return Object.values(def.entries);
  if (def.values) return def.values;
  if (def.type === "boolean") return [true, false];
  const inner = def.in ?? def.innerType;
  return inner ? allowedOf(inner) : [];
}

const uuid = fc.uuid({ version: 4 });
/** Text no field accepts (NUL, unpaired surrogates, over-long): the pipeline always refuses it. */
const unacceptableText = fc.oneof(
  fc.string().map((s) => `${s}\u0000${s}`),
  fc.string().map((s) => `${s}\ud800`),
  fc.string().map((s) => `\udc00${s}`),
  fc.integer({ min: 20_001, max: 60_000 }).map((n) => "x".repeat(n)),
);
export const hostileText = fc.oneof(
  unacceptableText,
  uuid.map((id) => `${id.slice(0, -1)}g`),
  uuid.map((id) => `${id}'; DROP TABLE "User"; --`),
  fc.constantFrom("", " ", "abc", "null", "undefined", "../../etc/passwd", "%00", "<script>"),
  fc.string({ maxLength: 300 }),
  uuid,
);

const decodable = fc.anything({
  maxDepth: 3,
  withDate: true,
  withMap: true,
  withSet: true,
  withBigInt: true,
  values: [hostileText, fc.integer(), fc.double(), fc.constant(undefined)],
});
const file = fc.constantFrom(
  new File(["{}"], "empty.json", { type: "application/json" }),
  new File([""], "", { type: "application/octet-stream" }),
  new File(["\u0000"], "nul.json", { type: "application/json" }),
);
const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.array(hostileText, { maxLength: 5 }) },
  { weight: 1, arbitrary: decodable },
  { weight: 1, arbitrary: file },
);

/** The shape's fields, each an allowed value or a hostile one, any of them left out. */
function recordOf(shape: Record<string, z.ZodType>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    Object.fromEntries(
      Object.entries(shape).map(([key, field]) => {
        const allowed = allowedOf(field);
        const value = allowed.length
          ? fc.oneof(fc.constantFrom(...allowed), hostileValue)
          : hostileValue;
        return [key, value];
      }),
    ),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, unknown>>;
}

/** Inputs for one action's schema: its own fields with hostile values, or anything at all. */
export function hostileInput(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shapes = shapesOf(schema);
  if (shapes.length === 0)
    return fc.oneof(
      { weight: 2, arbitrary: decodable },
      { weight: 2, arbitrary: hostileText },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  const shaped = fc.constantFrom(...shapes).chain(recordOf);
  // One field certainly unacceptable: actions with one or two enum fields would otherwise get
  // valid input in about half the runs, and the no-write check would rarely run for them.
  const spoilable = shapes.filter((shape) => Object.keys(shape).length > 0);
  const spoiled = spoilable.length
    ? fc
        .constantFrom(...spoilable)
        .chain((shape) =>
          fc
            .tuple(recordOf(shape), fc.constantFrom(...Object.keys(shape)), unacceptableText)
            .map(([input, key, text]) => ({ ...input, [key]: text })),
        )
    : decodable;
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 2, arbitrary: spoiled },
    { weight: 1, arbitrary: decodable },
  );
}
