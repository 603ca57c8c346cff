// For tests that assert "nothing was written": every table's row count and a digest of its rows.
import type { Db } from "../database/client";

export type DbSnapshot = Map<string, { rows: number; digest: string }>;

export async function snapshotDb(db: Db): Promise<DbSnapshot> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const snapshot: DbSnapshot = new Map();
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const [row] = await db.$queryRawUnsafe<{ rows: number; digest: string }[]>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${quoted} t`,
    );
    snapshot.set(name, row!);
  }
  return snapshot;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  return [...after.keys()].filter(
    (name) =>
      before.get(name)?.rows !== after.get(name)?.rows ||
      before.get(name)?.digest !== after.get(name)?.digest,
  );
}
