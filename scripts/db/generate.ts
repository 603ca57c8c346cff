// Generates the Prisma client. `prisma generate` never runs the schema engine, but the CLI
// tries to download it first unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file; offline
// machines (no engine on disk) get that variable, machines with an engine keep the normal path.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const enginesDir = path.resolve("node_modules/@prisma/engines");
const hasEngine =
  existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith("schema-engine"));
const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!hasEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY)
  env.PRISMA_SCHEMA_ENGINE_BINARY = path.resolve("package.json");

const result = spawnSync(
  process.execPath,
  [path.resolve("node_modules/prisma/build/index.js"), "generate"],
  {
    stdio: "inherit",
    env,
  },
);
process.exit(result.status ?? 1);
