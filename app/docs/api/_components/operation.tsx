import { Badge, type Tone } from "@/components/ui/badge";
import { refName, SchemaView } from "./schema-view";

type Media = Record<string, { schema: Record<string, unknown> }>;
export type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: unknown[];
  "x-curl"?: string;
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: Record<string, unknown>;
  }[];
  requestBody?: { content?: Media };
  responses?: Record<string, { description?: string; content?: Media }>;
};

const methodTone: Record<string, Tone> = {
  get: "blue",
  post: "green",
  put: "amber",
  patch: "amber",
  delete: "red",
};

type Schemas = Record<string, Record<string, unknown>>;

/** A named schema shown expanded where it is used, with a link to its entry below. */
function ExpandedSchema({
  schema,
  schemas,
}: {
  schema: Record<string, unknown>;
  schemas: Schemas;
}) {
  const ref = typeof schema.$ref === "string" ? schema.$ref : null;
  const target = ref ? schemas[refName(ref)] : undefined;
  if (!ref || !target) return <SchemaView schema={schema} />;
  return (
    <div className="space-y-1">
      <SchemaView schema={schema} />
      <SchemaView schema={target} />
    </div>
  );
}

export function OperationView({
  method,
  path,
  op,
  schemas,
}: {
  method: string;
  path: string;
  op: Operation;
  schemas: Schemas;
}) {
  const body = op.requestBody?.content?.["application/json"]?.schema;
  return (
    <article
      id={op.operationId}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      aria-labelledby={`${op.operationId}-title`}
    >
      <header className="space-y-1">
        <h3
          id={`${op.operationId}-title`}
          className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900"
        >
          <Badge tone={methodTone[method] ?? "neutral"} className="uppercase">
            {method}
          </Badge>
          <code className="font-mono">{path}</code>
        </h3>
        <p className="font-medium text-slate-800">{op.summary}</p>
        {op.description ? <p className="text-sm text-slate-600">{op.description}</p> : null}
        <p className="text-xs text-slate-500">
          {op.security?.length
            ? "Needs a gateway API key: Authorization: Bearer <key>."
            : "Public: no key needed."}
        </p>
      </header>
      {op.parameters?.length ? (
        <section>
          <h4 className="mb-1 text-sm font-semibold text-slate-900">Parameters</h4>
          <ul className="space-y-1 text-sm">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code className="font-semibold">{p.name}</code>{" "}
                <span className="text-xs text-slate-500">
                  ({p.in}
                  {p.required ? ", required" : ""})
                </span>
                {p.description ? <span className="text-slate-600"> — {p.description}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {body ? (
        <section>
          <h4 className="mb-1 text-sm font-semibold text-slate-900">
            Request body (application/json)
          </h4>
          <ExpandedSchema schema={body} schemas={schemas} />
        </section>
      ) : null}
      <section>
        <h4 className="mb-1 text-sm font-semibold text-slate-900">Responses</h4>
        <dl className="space-y-2 text-sm">
          {Object.entries(op.responses ?? {}).map(([status, response]) => {
            const schema = response.content?.["application/json"]?.schema;
            return (
              <div key={status} className="flex flex-wrap gap-x-3">
                <dt className="w-12 font-mono font-semibold">{status}</dt>
                <dd className="flex-1 space-y-1">
                  <p className="text-slate-700">{response.description}</p>
                  {schema ? (
                    status.startsWith("2") ? (
                      <ExpandedSchema schema={schema} schemas={schemas} />
                    ) : (
                      <SchemaView schema={schema} />
                    )
                  ) : null}
                </dd>
              </div>
            );
          })}
        </dl>
      </section>
      {op["x-curl"] ? (
        <section>
          <h4 className="mb-1 text-sm font-semibold text-slate-900">Example</h4>
          <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
            <code>{op["x-curl"]}</code>
          </pre>
        </section>
      ) : null}
    </article>
  );
}
