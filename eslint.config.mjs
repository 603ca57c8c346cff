import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const domainFolders = [
  "scopes",
  "policy",
  "apps",
  "approvals",
  "reviews",
  "audit",
  "notifications",
  "orgs",
  "users",
  "enforcement",
  "webhooks",
  "authserver",
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Domain code runs in pages, actions, jobs, CLIs and tests alike: no framework imports.
    files: domainFolders.map((folder) => `lib/${folder}/**/*.ts`),
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next", "next/*", "react", "react-dom", "@/lib/db", "**/lib/db"],
              message:
                "Domain code takes the database client and the actor as arguments; keep Next.js and React out.",
            },
          ],
        },
      ],
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
