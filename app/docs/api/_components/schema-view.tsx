// A JSON Schema (as zod-to-openapi writes it) shown as a nested list people can read.
type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  example?: unknown;
  additionalProperties?: boolean | Schema;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
};

export const refName = (ref: string) => ref.split("/").pop()!;

export function typeLabel(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeLabel).join(" | ");
  if (schema.type === "array" && schema.items) return `array of ${typeLabel(schema.items)}`;
  if (
    schema.type === "object" &&
    !schema.properties &&
    typeof schema.additionalProperties === "object"
  )
    return `map of ${typeLabel(schema.additionalProperties)}`;
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
}

function Limits({ schema }: { schema: Schema }) {
  const parts = [
    schema.minLength !== undefined ? `min ${schema.minLength} chars` : null,
    schema.maxLength !== undefined ? `max ${schema.maxLength} chars` : null,
    schema.pattern ? `pattern ${schema.pattern}` : null,
  ].filter(Boolean);
  return parts.length ? (
    <span className="text-xs text-slate-500"> ({parts.join(", ")})</span>
  ) : null;
}

export function SchemaView({ schema, depth = 0 }: { schema: Schema; depth?: number }) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return (
      <a href={`#schema-${name}`} className="font-mono text-sm text-brand-700 hover:underline">
        {name}
      </a>
    );
  }
  const nested =
    schema.type === "array" && schema.items && !schema.items.$ref && schema.items.properties
      ? schema.items
      : schema;
  if (!nested.properties || depth > 5)
    return <span className="font-mono text-sm">{typeLabel(schema)}</span>;
  return (
    <ul className="space-y-1.5 border-l border-slate-200 pl-3">
      {nested !== schema ? <li className="text-xs text-slate-500">array of objects:</li> : null}
      {Object.entries(nested.properties).map(([name, prop]) => (
        <li key={name} className="text-sm">
          <code className="font-semibold text-slate-900">{name}</code>
          {nested.required?.includes(name) ? (
            <span className="ml-1 text-xs text-red-700">required</span>
          ) : (
            <span className="ml-1 text-xs text-slate-500">optional</span>
          )}
          <span className="ml-2 font-mono text-xs text-slate-600">{typeLabel(prop)}</span>
          <Limits schema={prop} />
          {prop.description ? <p className="text-slate-600">{prop.description}</p> : null}
          {prop.example !== undefined ? (
            <p className="text-xs text-slate-500">
              Example: <code>{JSON.stringify(prop.example)}</code>
            </p>
          ) : null}
          {prop.properties || (prop.items && prop.items.properties) ? (
            <div className="mt-1">
              <SchemaView schema={prop} depth={depth + 1} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
