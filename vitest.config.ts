import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { isPostgresReachable, postgresServerUrl } from "./lib/database/test-database";

// Database tests (*.db.test.ts) run twice: on the embedded PGlite and on a real PostgreSQL
// (TEST_DATABASE_URL, default the local server). In CI an unreachable PostgreSQL is a failure.
const alias = { "@": fileURLToPath(new URL(".", import.meta.url)) };
const sources = [
  "lib/**/*.test.ts",
  "eslint/**/*.test.ts",
  "app/**/*.test.ts",
  "components/**/*.test.ts",
  "scripts/**/*.test.ts",
  "prisma/**/*.test.ts",
];
const dbTests = sources.map((glob) => glob.replace(".test.ts", ".db.test.ts"));

const hasPostgres = await isPostgresReachable();
if (!hasPostgres) {
  const message = `PostgreSQL is not reachable at ${postgresServerUrl()}: database tests run on PGlite only.`;
  if (process.env.CI) throw new Error(message);
  console.warn(message);
}

const shared = { environment: "node" as const, testTimeout: 30_000, hookTimeout: 120_000 };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          ...shared,
          name: "unit",
          include: sources,
          exclude: [...dbTests, "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: { ...shared, name: "pglite", include: dbTests, env: { TEST_DB_BACKEND: "pglite" } },
      },
      ...(hasPostgres
        ? [
            {
              resolve: { alias },
              test: {
                ...shared,
                name: "postgres",
                include: dbTests,
                env: { TEST_DB_BACKEND: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
