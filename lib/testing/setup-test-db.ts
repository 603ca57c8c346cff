// For integration tests: a migrated database of the chosen backend per test file, with its own
// audit checkpoint directory (a checkpoint of another database would not match this one).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createPrismaClient, type Db } from "../database/client";
import { createTestDatabase, type TestDatabase } from "../database/test-database";

export type TestDbHandle = {
  db: Db;
  url: string;
  backend: TestDatabase["backend"];
  refuseConnections: TestDatabase["refuseConnections"];
  acceptConnections: TestDatabase["acceptConnections"];
};

export function setupTestDb(): TestDbHandle {
  const handle = {} as TestDbHandle;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    process.env.AUDIT_CHECKPOINT_DIR = await mkdtemp(
      path.join(tmpdir(), "scopewarden-checkpoints-"),
    );
    database = await createTestDatabase();
    handle.url = database.url;
    handle.backend = database.backend;
    handle.refuseConnections = database.refuseConnections;
    handle.acceptConnections = database.acceptConnections;
    handle.db = createPrismaClient(database.url, { poolSize: 5 });
  });
  afterAll(async () => {
    await handle.db?.$disconnect();
    await database?.drop();
  });
  return handle;
}
