// Which database a command works on: DATABASE_URL when set, otherwise the embedded one in .data/.
// In production the app connects as a restricted role (DATABASE_URL) and migrations run as the
// schema's owner (MIGRATION_DATABASE_URL); without the latter both are the same connection.
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { grantAppRole } from "./app-role";
import { startEmbeddedPostgres } from "./embedded";
import { applyMigrations } from "./migrations";

export const defaultEmbeddedDir = path.resolve(process.cwd(), ".data", "pglite");

/** Reads .env.local and .env (if present) without overriding variables already set. */
export function loadEnvFiles(): void {
  for (const file of [".env.local", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}

export type DatabaseTarget = {
  /** What the app connects with. */
  url: string;
  /** What migrations (and other schema changes) run with: the owner. */
  migrationUrl: string;
  isEmbedded: boolean;
  release: () => Promise<void>;
};

const ZPostgresUrl = (name: string) =>
  z
    .string()
    .regex(/^postgres(ql)?:\/\//, `${name} must be a postgresql:// URL`)
    .optional();
const ZTargetEnv = z
  .object({
    DATABASE_URL: ZPostgresUrl("DATABASE_URL"),
    MIGRATION_DATABASE_URL: ZPostgresUrl("MIGRATION_DATABASE_URL"),
    EMBEDDED_DB_DIR: z.string().min(1).optional(),
  })
  .refine((env) => !env.MIGRATION_DATABASE_URL || env.DATABASE_URL, {
    message: "MIGRATION_DATABASE_URL is set without DATABASE_URL (the app's own role)",
  });

export async function openDatabaseTarget(): Promise<DatabaseTarget> {
  const parsed = ZTargetEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  const env = parsed.data;
  if (env.DATABASE_URL)
    return {
      url: env.DATABASE_URL,
      migrationUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
      isEmbedded: false,
      release: async () => {},
    };
  const dataDir = env.EMBEDDED_DB_DIR ? path.resolve(env.EMBEDDED_DB_DIR) : defaultEmbeddedDir;
  // The embedded log's checkpoints live beside it, so a fresh embedded database starts fresh ones.
  process.env.AUDIT_CHECKPOINT_DIR ??= path.join(path.dirname(dataDir), "audit-checkpoints");
  const embedded = await startEmbeddedPostgres({ dataDir });
  return {
    url: embedded.url,
    migrationUrl: embedded.url,
    isEmbedded: true,
    release: embedded.stop,
  };
}

/** Applies pending migrations as the owner, then (two roles) grants the app role what it may do. */
export async function migrateTarget(target: DatabaseTarget): Promise<string[]> {
  const applied = await applyMigrations(target.migrationUrl);
  if (target.migrationUrl !== target.url) await grantAppRole(target.migrationUrl, target.url);
  return applied;
}
