// A textual fingerprint of the public schema: what prisma/schema.prisma describes (tables,
// columns, keys, indexes, enums). Hand-written sw_* objects are listed apart, so a drift check can
// compare "built from migrations" with "built from the schema" and require the sw_* ones to exist.
import pg from "pg";

const queries = {
  columns: `SELECT table_name || '.' || column_name || ' ' || data_type || ':' || udt_name ||
              ' null=' || is_nullable || ' default=' || coalesce(column_default, '') AS line
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  constraints: `SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS line, c.conname AS name
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname = 'public' AND c.conrelid <> 0 AND c.conrelid::regclass::text <> '_prisma_migrations'`,
  indexes: `SELECT indexdef AS line, indexname AS name FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  enums: `SELECT t.typname || ' = ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'public' GROUP BY t.typname`,
  triggers: `SELECT tgname AS line, tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
} as const;

export type SchemaFingerprint = { prisma: string[]; handWritten: string[] };

export async function fingerprintSchema(databaseUrl: string): Promise<SchemaFingerprint> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const prisma: string[] = [];
    const handWritten: string[] = [];
    for (const [kind, sql] of Object.entries(queries)) {
      const { rows } = await client.query<{ line: string; name?: string }>(sql);
      for (const row of rows) {
        const isHandWritten = (row.name ?? "").startsWith("sw_");
        (isHandWritten ? handWritten : prisma).push(`${kind}: ${row.line}`);
      }
    }
    return { prisma: prisma.sort(), handWritten: handWritten.sort() };
  } finally {
    await client.end();
  }
}
