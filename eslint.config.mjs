import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineLayers, modulesOf, scopewardenPlugin } from "./eslint/lib-dependencies.mjs";

/**
 * The layers of lib/, lowest first, and what each lib module (a folder, or a file at lib/ root)
 * may import. This is the architecture: lint refuses any other import between lib modules, an
 * import of a higher layer, and a cycle in the map, so lib/ has no import cycles.
 * docs/architecture.md shows it (`npm run docs:architecture` rewrites that part).
 */
export const libLayers = defineLayers([
  {
    name: "Foundation",
    why: "The vocabulary every layer shares: errors, validation, the actor, HTTP plumbing, the Prisma client type. Nothing domain-specific, so anything may use it.",
    modules: {
      generated: [],
      errors: [],
      format: [],
      streams: [],
      env: ["signing-key"],
      "signing-key": [],
      net: ["env"],
      tables: ["database", "generated", "validation"],
      validation: ["errors"],
      actor: ["errors", "generated"],
      http: ["database", "errors", "validation"],
      database: ["generated"],
      "recurring-job": ["database"],
      "rate-limit": ["database", "env", "errors"],
    },
  },
  {
    name: "Engine",
    why: "The SMART scope engine and the approval policy: pure functions with no I/O, the same in the browser, the CLI and the server. The engine imports nothing in lib/.",
    modules: {
      scopes: [],
      policy: ["scopes"],
      analysis: ["scopes", "policy", "http"],
    },
  },
  {
    name: "Records",
    why: "What every state change writes through: the audit log and the mail outbox.",
    modules: {
      audit: [
        ...["actor", "database", "env", "generated", "recurring-job", "signing-key"],
        ...["streams", "tables"],
      ],
      notifications: ["database", "env"],
      usage: ["database", "recurring-job"],
    },
  },
  {
    name: "Domains",
    why: "One folder per part of the product. Each takes the database client and the actor as arguments and imports only the domains it builds on, never the framework.",
    modules: {
      users: [
        ...["actor", "audit", "database", "errors", "generated", "notifications"],
        ...["rate-limit", "validation"],
      ],
      orgs: ["actor", "audit", "database", "errors", "generated", "tables", "users", "validation"],
      webhooks: [
        ...["actor", "audit", "database", "env", "errors", "generated", "net"],
        ...["recurring-job", "tables", "validation"],
      ],
      enforcement: [
        ...["actor", "audit", "database", "errors", "http", "recurring-job", "scopes"],
        ...["tables", "usage", "validation"],
      ],
      approvals: [
        ...["actor", "audit", "database", "enforcement", "env", "errors", "format"],
        "generated",
        ...["notifications", "policy", "recurring-job", "scopes", "tables", "validation"],
        "webhooks",
      ],
      provisioning: [
        ...["actor", "audit", "authserver", "database", "enforcement", "env", "errors", "net"],
        ...["notifications", "recurring-job", "validation", "webhooks"],
      ],
      apps: [
        ...["actor", "approvals", "audit", "database", "enforcement", "errors", "generated"],
        ...["policy", "provisioning", "scopes", "tables", "usage", "validation"],
      ],
      reviews: [
        ...["actor", "approvals", "audit", "database", "enforcement", "env", "errors", "format"],
        ...["generated", "notifications", "orgs", "policy", "recurring-job", "scopes", "tables"],
        ...["jwks", "usage", "users", "validation", "webhooks"],
      ],
      jwks: [
        ...["actor", "apps", "approvals", "database", "env", "errors", "generated", "net"],
        ...["policy", "recurring-job", "validation", "webhooks"],
      ],
      openapi: ["enforcement", "errors", "http", "scopes"],
      authserver: [
        ...["database", "env", "errors", "generated", "http", "recurring-job", "scopes", "users"],
        "webhooks",
      ],
    },
  },
  {
    name: "Process",
    why: "The running server: its one database client, the job runner, and the Next.js edge (sessions, actions, request context). Only auth, server and db may import Next.js or React.",
    modules: {
      instance: ["database", "enforcement"],
      db: ["database", "env", "instance"],
      jobs: [
        ...["approvals", "audit", "authserver", "database", "db", "enforcement", "env"],
        ...["instance", "jwks", "notifications", "provisioning", "recurring-job", "reviews"],
        ...["usage", "webhooks"],
      ],
      auth: [
        ...["actor", "audit", "db", "env", "errors", "generated", "http", "instance", "users"],
        "validation",
      ],
      server: [
        ...["auth", "database", "db", "enforcement", "env", "errors", "generated", "http"],
        ...["instance", "jobs", "notifications", "provisioning", "validation", "webhooks"],
      ],
      testing: ["database", "tables"],
      runtime: [
        ...["authserver", "database", "enforcement", "env", "errors", "http", "instance"],
        "usage",
      ],
    },
  },
]);

/** The only lib modules that may use Next.js or React: the edge between the framework and lib/. */
export const frameworkModules = ["auth", "server", "db"];

const libModules = Object.keys(modulesOf(libLayers));
const globsOf = (names) => names.flatMap((name) => [`lib/${name}/**/*.{ts,tsx}`, `lib/${name}.ts`]);

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Domain code runs in pages, actions, jobs, CLIs and tests alike: no framework imports.
    files: globsOf(libModules.filter((name) => !frameworkModules.includes(name))),
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next", "next/*", "react", "react-dom", "react/*", "server-only"],
              message:
                "lib/ outside auth, server and db takes the database client and the actor as arguments; keep Next.js and React out.",
            },
          ],
        },
      ],
    },
  },
  {
    // Layers between lib modules (folder level), and no file-level cycle anywhere.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["**/*.test.ts", "**/*.test-util.ts"],
    plugins: { scopewarden: scopewardenPlugin },
    // The cycle check parses what files import: not packages, nor the generated Prisma client
    // (megabytes that import nothing of ours), and each file once per run.
    settings: {
      "import/ignore": ["node_modules", "lib/generated/"],
      "import/cache": { lifetime: Infinity },
    },
    rules: {
      "scopewarden/lib-dependencies": ["error", { layers: libLayers }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    ".data/**",
    "playwright-report/**",
    "test-results/**",
  ]),
]);
