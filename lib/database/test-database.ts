// Databases for tests and benchmarks: each caller gets its own, created empty and dropped after.
// Backend: TEST_DB_BACKEND=postgres|pglite; PostgreSQL is reached through TEST_DATABASE_URL
// (a server URL; default the local postgres database), on which a uniquely named database is made.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded";
import { applyMigrations } from "./migrations";

export type TestBackend = "postgres" | "pglite";
export type TestDatabase = {
  url: string;
  backend: TestBackend;
  drop: () => Promise<void>;
  /** An outage: every open connection is cut and new ones are refused until acceptConnections(). */
  refuseConnections: () => Promise<void>;
  acceptConnections: () => Promise<void>;
};

export const postgresServerUrl = () =>
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function testBackend(): TestBackend {
  const value = process.env.TEST_DB_BACKEND ?? "pglite";
  if (value !== "postgres" && value !== "pglite")
    throw new Error(`TEST_DB_BACKEND must be postgres or pglite, not ${value}`);
  return value;
}

export async function isPostgresReachable(url = postgresServerUrl()): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const serverUrl = postgresServerUrl();
  const name = `sw_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const onServer = async (...statements: string[]) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      for (const sql of statements) await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    url: withDatabase(serverUrl, name),
    backend: "postgres",
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    // As a restart looks to clients: sessions end with FATAL 57P01, new ones fail until it is back.
    refuseConnections: () =>
      onServer(
        `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      ),
    acceptConnections: () => onServer(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`),
  };
}

export async function createTestDatabase(
  options: { backend?: TestBackend; migrate?: boolean } = {},
): Promise<TestDatabase> {
  const backend = options.backend ?? testBackend();
  let database: TestDatabase;
  if (backend === "postgres") {
    database = await createPostgresDatabase();
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: null });
    database = {
      url: embedded.url,
      backend,
      drop: embedded.stop,
      refuseConnections: embedded.pause,
      acceptConnections: embedded.resume,
    };
  }
  if (options.migrate ?? true) await applyMigrations(database.url);
  return database;
}
