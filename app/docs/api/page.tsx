import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { OperationView, type Operation } from "./_components/operation";
import { SchemaView } from "./_components/schema-view";

export const metadata: Metadata = { title: "API reference" };

/** The OpenAPI document rendered on the server, grouped by tag; the JSON itself is one link away. */
export default function ApiDocsPage() {
  const doc = buildOpenApiDocument();
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation & { tags?: string[] }>).map(([method, op]) => ({
      path,
      method,
      op,
    })),
  );
  const schemas = Object.entries(doc.components?.schemas ?? {});
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            {doc.info.description} The machine-readable form is{" "}
            <a className="text-brand-700 underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI {doc.openapi}).
          </>
        }
      />
      <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
        {/* A sticky side index: the reference is long, and every operation is one click away. */}
        <nav
          aria-label="API sections"
          className="text-sm lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto"
        >
          <ul className="space-y-3">
            {(doc.tags ?? []).map((tag) => (
              <li key={tag.name}>
                <a href={`#tag-${tag.name}`} className="font-medium text-brand-700 hover:underline">
                  {tag.name}
                </a>
                <ul className="mt-1 space-y-0.5 border-l border-slate-200 pl-2">
                  {operations
                    .filter(({ op }) => op.tags?.includes(tag.name))
                    .map(({ path, method, op }) => (
                      <li key={`${method} ${path}`}>
                        <a
                          href={`#${op.operationId}`}
                          className="block truncate font-mono text-xs text-slate-600 hover:text-slate-900"
                          title={`${method.toUpperCase()} ${path}`}
                        >
                          <span className="font-semibold uppercase">{method}</span> {path}
                        </a>
                      </li>
                    ))}
                </ul>
              </li>
            ))}
            <li>
              <a href="#schemas" className="font-medium text-brand-700 hover:underline">
                Schemas
              </a>
            </li>
          </ul>
        </nav>
        <div className="min-w-0 space-y-10">
          {(doc.tags ?? []).map((tag) => (
            <section
              key={tag.name}
              id={`tag-${tag.name}`}
              aria-labelledby={`tag-${tag.name}-title`}
              className="space-y-4"
            >
              <div>
                <h2 id={`tag-${tag.name}-title`} className="text-lg font-semibold text-slate-900">
                  {tag.name}
                </h2>
                <p className="text-sm text-slate-600">{tag.description}</p>
              </div>
              {operations
                .filter(({ op }) => op.tags?.includes(tag.name))
                .map(({ path, method, op }) => (
                  <OperationView
                    key={`${method} ${path}`}
                    method={method}
                    path={path}
                    op={op}
                    schemas={
                      (doc.components?.schemas as Record<string, Record<string, unknown>>) ?? {}
                    }
                  />
                ))}
            </section>
          ))}
          <section id="schemas" aria-labelledby="schemas-title" className="space-y-4">
            <h2 id="schemas-title" className="text-lg font-semibold text-slate-900">
              Schemas
            </h2>
            {schemas.map(([name, schema]) => (
              <div
                key={name}
                id={`schema-${name}`}
                className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
              >
                <h3 className="mb-1 font-mono text-sm font-semibold text-slate-900">{name}</h3>
                {"description" in schema && schema.description ? (
                  <p className="mb-2 text-sm text-slate-600">{schema.description}</p>
                ) : null}
                <SchemaView schema={schema as Record<string, unknown>} />
              </div>
            ))}
          </section>
        </div>
      </div>
    </>
  );
}
