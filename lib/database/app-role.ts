// The database role the portal runs as in production (DATABASE_URL), apart from the role that owns
// the schema and runs migrations (MIGRATION_DATABASE_URL). The app role may read and write the
// portal's tables but only INSERT and SELECT the audit tables: no UPDATE, DELETE or TRUNCATE, and
// as it owns none of them it cannot drop their triggers either. pg-boss keeps its queues in its
// own schema, which it creates and upgrades itself, so the app role owns that schema.
import pg from "pg";
import { z } from "zod";

export const APPEND_ONLY_TABLES = ["AuditEvent", "AuditCheckpoint"] as const;
const JOBS_SCHEMA = "pgboss";

const ZRole = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, "The app role's name must be lower-case letters, digits and _");
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The grants, as SQL an operator can also run by hand (idempotent; run again after migrations). */
export function appRoleSql(role: string, database: string): string[] {
  const r = ident(ZRole.parse(role));
  const audit = APPEND_ONLY_TABLES.map(ident).join(", ");
  return [
    `GRANT CONNECT ON DATABASE ${ident(database)} TO ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${audit} FROM ${r}`,
    `REVOKE ALL ON "_prisma_migrations" FROM ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `CREATE SCHEMA IF NOT EXISTS ${JOBS_SCHEMA} AUTHORIZATION ${r}`,
    // A job schema made before the roles were split belongs to the owner: hand it over.
    `DO $$ DECLARE o record; BEGIN
  IF (SELECT nspowner FROM pg_namespace WHERE nspname = '${JOBS_SCHEMA}') <> ${literal(role)}::regrole THEN
    EXECUTE 'ALTER SCHEMA ${JOBS_SCHEMA} OWNER TO ${r}';
    FOR o IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
      WHERE c.relnamespace = '${JOBS_SCHEMA}'::regnamespace AND c.relkind IN ('r', 'p', 'S', 'v') LOOP
      EXECUTE format('ALTER %s %s OWNER TO ${r}',
        CASE o.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, o.name);
    END LOOP;
    FOR o IN SELECT p.oid::regprocedure AS name FROM pg_proc p WHERE p.pronamespace = '${JOBS_SCHEMA}'::regnamespace LOOP
      EXECUTE format('ALTER FUNCTION %s OWNER TO ${r}', o.name);
    END LOOP;
    FOR o IN SELECT t.oid::regtype AS name FROM pg_type t
      WHERE t.typnamespace = '${JOBS_SCHEMA}'::regnamespace AND t.typtype = 'e' LOOP
      EXECUTE format('ALTER TYPE %s OWNER TO ${r}', o.name);
    END LOOP;
  END IF;
END $$`,
  ];
}

const userOf = (url: string) => decodeURIComponent(new URL(url).username || "postgres");

/**
 * Grants the app role (DATABASE_URL's user) its privileges, connected as the owner. With `create`,
 * makes the role first when it is missing (LOGIN, DATABASE_URL's password). Does nothing when
 * both URLs name the same user: a single-role setup, as in development.
 */
export async function grantAppRole(
  ownerUrl: string,
  appUrl: string,
  options: { create?: boolean } = {},
): Promise<{ role: string; created: boolean } | null> {
  const role = ZRole.parse(userOf(appUrl));
  if (role === userOf(ownerUrl)) return null;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = (await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]))
      .rowCount;
    if (!exists && !options.create)
      throw new Error(
        `The app role ${role} (DATABASE_URL) does not exist: create it with npm run db:app-role`,
      );
    if (!exists) {
      const password = decodeURIComponent(new URL(appUrl).password);
      await client.query(
        `CREATE ROLE ${ident(role)} LOGIN${password ? ` PASSWORD ${literal(password)}` : ""}`,
      );
    }
    // Ownership of the job schema can move only to a role the owner may act as.
    const isSuper = (
      await client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)
    ).rows[0]?.rolsuper;
    if (!isSuper) await client.query(`GRANT ${ident(role)} TO CURRENT_USER`);
    const database = (await client.query<{ db: string }>(`SELECT current_database() AS db`))
      .rows[0]!.db;
    await client.query("BEGIN");
    for (const sql of appRoleSql(role, database)) await client.query(sql);
    await client.query("COMMIT");
    return { role, created: !exists };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
