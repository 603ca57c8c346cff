// The embedded default: PostgreSQL compiled to WebAssembly (PGlite), served on 127.0.0.1 over the
// real wire protocol so the app talks to it exactly as it talks to a PostgreSQL server.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { servePGlite, type PGliteServer } from "./pglite-server";

export type EmbeddedPostgres = {
  url: string;
  dataDir: string | null;
  stop: () => Promise<void>;
  /** Drops every connection and refuses new ones (the database keeps its data), as an outage would. */
  pause: () => Promise<void>;
  /** Serves again on the same port after pause(). */
  resume: () => Promise<void>;
};

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One process at a time may open a data folder; a second one would corrupt it. */
function takeLock(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid && isRunning(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${pid}. Stop it first, or set DATABASE_URL.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

/**
 * Starts PGlite and its socket server. `dataDir` null keeps everything in memory (tests);
 * `port` 0 picks a free port.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string | null;
  port?: number;
}): Promise<EmbeddedPostgres> {
  let releaseLock = () => {};
  if (options.dataDir) {
    mkdirSync(path.dirname(options.dataDir), { recursive: true });
    releaseLock = takeLock(options.dataDir);
  }
  const db = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await db.waitReady;
  let server: PGliteServer | null = await servePGlite(db, {
    host: "127.0.0.1",
    port: options.port ?? 0,
  });
  const port = server.port;
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    dataDir: options.dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server?.stop();
      await db.close();
      releaseLock();
    },
    pause: async () => {
      await server?.stop();
      server = null;
    },
    resume: async () => {
      server ??= await servePGlite(db, { host: "127.0.0.1", port });
    },
  };
}
