import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { assertAcyclic, scopewardenPlugin } from "./eslint/lib-dependencies.mjs";

/**
 * What each lib module may import (a folder, or a file at lib/ root), bottom layer first. This map
 * is the architecture: lint refuses any other import between lib modules, and refuses a map with a
 * cycle, so lib/ has no import cycles. docs/architecture.md shows it (`npm run docs:architecture`).
 */
export const libDependencies = assertAcyclic({
  // Foundation: the shared vocabulary, nothing domain-specific.
  generated: [],
  errors: [],
  format: [],
  streams: [],
  env: [],
  tables: [],
  validation: ["errors"],
  actor: ["errors", "generated"],
  http: ["errors", "validation"],
  database: ["generated"],
  "recurring-job": ["database"],
  // The SMART scope engine and the approval policy: pure, no I/O.
  scopes: [],
  policy: ["scopes"],
  analysis: ["scopes", "policy", "http"],
  // Services every domain writes through.
  audit: ["actor", "database", "generated", "streams", "tables"],
  notifications: ["database"],
  // Domains, each above the ones it names.
  users: ["actor", "audit", "database", "errors", "notifications", "validation"],
  orgs: ["actor", "audit", "database", "errors", "generated", "tables", "validation"],
  webhooks: [
    ...["actor", "audit", "database", "env", "errors", "generated", "recurring-job", "tables"],
    "validation",
  ],
  enforcement: [
    ...["actor", "audit", "database", "errors", "http", "recurring-job", "scopes", "tables"],
    "validation",
  ],
  approvals: [
    ...["actor", "audit", "database", "enforcement", "errors", "generated", "notifications"],
    ...["policy", "scopes", "tables", "validation", "webhooks"],
  ],
  apps: [
    ...["actor", "approvals", "audit", "database", "enforcement", "errors", "generated"],
    ...["policy", "scopes", "tables", "validation"],
  ],
  reviews: [
    ...["actor", "approvals", "audit", "database", "enforcement", "env", "errors", "format"],
    ...["generated", "notifications", "recurring-job", "scopes", "tables", "validation"],
    "webhooks",
  ],
  openapi: ["enforcement", "errors", "http", "scopes"],
  // The running process: the app's database client, the job runner, and the Next.js edge.
  db: ["database", "env"],
  jobs: [
    ...["database", "db", "enforcement", "env", "notifications", "recurring-job", "reviews"],
    "webhooks",
  ],
  auth: ["actor", "audit", "db", "env", "errors", "generated", "http", "users", "validation"],
  server: [
    ...["auth", "db", "enforcement", "env", "errors", "generated", "http", "jobs"],
    ...["notifications", "validation", "webhooks"],
  ],
  testing: ["database"],
});

/** The only lib modules that may use Next.js or React: the edge between the framework and lib/. */
export const frameworkModules = ["auth", "server", "db"];

const libModules = Object.keys(libDependencies);
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
      "scopewarden/lib-dependencies": ["error", { modules: libDependencies }],
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
