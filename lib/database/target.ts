// Which database a command works on: DATABASE_URL when set, otherwise the embedded one in .data/.
import { existsSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded";

export const defaultEmbeddedDir = path.resolve(process.cwd(), ".data", "pglite");

/** Reads .env.local and .env (if present) without overriding variables already set. */
export function loadEnvFiles(): void {
  for (const file of [".env.local", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}

export type DatabaseTarget = { url: string; isEmbedded: boolean; release: () => Promise<void> };

export async function openDatabaseTarget(): Promise<DatabaseTarget> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, isEmbedded: false, release: async () => {} };
  const dataDir = process.env.EMBEDDED_DB_DIR
    ? path.resolve(process.env.EMBEDDED_DB_DIR)
    : defaultEmbeddedDir;
  const embedded = await startEmbeddedPostgres({ dataDir });
  return { url: embedded.url, isEmbedded: true, release: embedded.stop };
}
