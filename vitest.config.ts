import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { generateAuditSecrets } from "./lib/audit/keys";
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

// Audit keys for this run (child processes the tests start inherit them). Database tests get a
// checkpoint directory of their own (lib/testing/setup-test-db.ts); none go to the project's .data/.
const auditEnv = {
  ...generateAuditSecrets(),
  AUDIT_CHECKPOINT_DIR: path.join(tmpdir(), "scopewarden-no-checkpoints"),
};
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
          env: auditEnv,
          include: sources,
          exclude: [...dbTests, "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          ...shared,
          name: "pglite",
          include: dbTests,
          env: { ...auditEnv, TEST_DB_BACKEND: "pglite" },
        },
      },
      ...(hasPostgres
        ? [
            {
              resolve: { alias },
              test: {
                ...shared,
                name: "postgres",
                include: dbTests,
                env: { ...auditEnv, TEST_DB_BACKEND: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
