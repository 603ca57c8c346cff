import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, httpStatusOf, type ErrorCode } from "../errors";
import { buildGenericExport, buildKeycloakExport } from "../enforcement/export";
import { ZGenericExport, ZKeycloakExport } from "../enforcement/schemas";
import { buildOpenApiDocument } from "./document";

const API_DIR = path.resolve("app/api/v1");

/** Every route file under app/api/v1 as [OpenAPI path, HTTP methods it exports]. */
function routeFiles(dir = API_DIR): { path: string; methods: string[] }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const rel = path
      .relative(path.resolve("app"), path.dirname(full))
      .split(path.sep)
      .map((s) => s.replace(/^\[(.+)\]$/, "{$1}"));
    const source = readFileSync(full, "utf8");
    const methods = [
      ...source.matchAll(
        /export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
      ),
    ].map((m) => m[1]!.toLowerCase());
    return [{ path: `/${rel.join("/")}`, methods }];
  });
}

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument();

  it("is OpenAPI 3.1 with a bearer API key scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components?.securitySchemes?.apiKey).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
  });

  it("describes every method of every /api/v1 route file", () => {
    const routes = routeFiles();
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const route of routes) {
      expect(route.methods.length, `${route.path} exports no HTTP method`).toBeGreaterThan(0);
      for (const method of route.methods) {
        expect(
          doc.paths?.[route.path]?.[method as "get"],
          `${method.toUpperCase()} ${route.path} is missing from the OpenAPI document`,
        ).toBeDefined();
      }
    }
  });

  it("documents no route that does not exist", () => {
    const known = new Set(routeFiles().map((r) => r.path));
    for (const documented of Object.keys(doc.paths ?? {}))
      expect(known, documented).toContain(documented);
  });

  it("takes request bodies from the routes' zod schemas", () => {
    const body = doc.paths?.["/api/v1/decisions"]?.post?.requestBody as {
      content: Record<string, { schema: { $ref: string } }>;
    };
    expect(body.content["application/json"]!.schema.$ref).toBe(
      "#/components/schemas/DecisionRequest",
    );
    expect(doc.components?.schemas?.DecisionRequest).toMatchObject({
      type: "object",
      required: ["request"],
    });
  });

  it("says which operations need a key, and gives each a curl example", () => {
    for (const [p, item] of Object.entries(doc.paths ?? {})) {
      for (const op of Object.values(
        item as Record<string, { security?: unknown[]; "x-curl"?: string }>,
      )) {
        expect(op["x-curl"], p).toMatch(/^curl /);
        const isPublic = p === "/api/v1/scopes/analyze" || p === "/api/v1/openapi.json";
        expect(op.security, p).toEqual(isPublic ? undefined : [{ apiKey: [] }]);
      }
    }
  });

  it("matches what the export code produces", () => {
    const rows = [
      {
        clientId: "swc_a",
        appName: "A",
        organizationName: "O",
        isLive: true,
        scopes: ["openid", "patient/Observation.rs"],
        grants: [
          { scope: "openid", expiresAt: null, lastUsedAt: null },
          {
            scope: "patient/Observation.rs",
            expiresAt: new Date("2027-01-01T00:00:00Z"),
            lastUsedAt: new Date(),
          },
        ],
      },
    ];
    expect(ZGenericExport.safeParse(buildGenericExport(rows, new Date())).success).toBe(true);
    expect(ZKeycloakExport.safeParse(buildKeycloakExport(rows)).success).toBe(true);
  });
});

describe("the error answers in the document", () => {
  const doc = buildOpenApiDocument();
  type Schema = { properties?: Record<string, Schema>; enum?: string[] };

  it("name codes of the one vocabulary, each under the status lib/errors.ts gives it", () => {
    let checked = 0;
    for (const [p, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(
        item as Record<
          string,
          { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }
        >,
      )) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) < 400 || !response.content) continue;
          const codes =
            response.content["application/json"]!.schema.properties?.error?.properties?.code?.enum;
          expect(codes, `${method} ${p} ${status}`).toBeDefined();
          for (const code of codes!) {
            expect(ERROR_CODES).toContain(code);
            expect(httpStatusOf[code as ErrorCode], `${method} ${p} ${status} ${code}`).toBe(
              Number(status),
            );
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it("describes the whole vocabulary as the Error component", () => {
    const error = doc.components?.schemas?.Error as Schema;
    expect(error.properties?.error?.properties?.code?.enum).toEqual([...ERROR_CODES]);
  });
});
