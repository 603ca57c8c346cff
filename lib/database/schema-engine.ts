// Prisma's schema engine compiled to WebAssembly: applies and diffs migrations with no native
// binary and no internet. The package's own entry imports a .wasm file, which Node refuses, so the
// module is instantiated here by hand.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);
let wasmReady: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;

async function loadWasm() {
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = path.join(
    path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
    "schema_engine_bg.wasm",
  );
  const wasmModule = new WebAssembly.Module(await readFile(wasmPath));
  const instance = new WebAssembly.Instance(wasmModule, {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

type ScriptAdapter = { executeScript(script: string): Promise<void>; dispose(): Promise<void> };
type PgInternals = {
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
};

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ";", which breaks
 * dollar-quoted function bodies and semicolons in comments, and applies it statement by statement.
 * Sent whole (simple query protocol), PostgreSQL runs the script as one implicit transaction:
 * a failing migration leaves nothing half-applied.
 */
function wholeScriptFactory(factory: PrismaPg, opened: ScriptAdapter[]): PrismaPg {
  const patch = <T extends ScriptAdapter>(adapter: T): T => {
    opened.push(adapter);
    const internals = adapter as unknown as PgInternals;
    adapter.executeScript = async (script: string) => {
      try {
        await internals.client.query(script);
      } catch (error) {
        internals.onError(error);
      }
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}

export type SchemaFile = { path: string; content: string };

/**
 * Runs `work` with the engine open against a database URL, then frees the engine and closes its
 * connections (Prisma's migration lock lives as long as the connection that took it).
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  schema: SchemaFile,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  wasmReady ??= loadWasm();
  const bg = await wasmReady;
  const opened: ScriptAdapter[] = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(
    wholeScriptFactory(new PrismaPg({ connectionString: databaseUrl }), opened),
  );
  const log = (message: string) => {
    if (process.env.SCHEMA_ENGINE_DEBUG) console.error(message);
  };
  const engine = (await bg.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    adapter,
  )) as SchemaEngine;
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
  }
}

export const noFilters = { externalTables: [], externalEnums: [] };
