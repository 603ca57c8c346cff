// npm run db:app-role [-- --print-sql]
// Creates the app's database role (DATABASE_URL's user and password) if it is missing and grants
// it what the portal needs, connected as the owner (MIGRATION_DATABASE_URL): INSERT and SELECT only
// on the audit tables. --print-sql prints the statements for a DBA to run instead. The grants are
// renewed after every migration by `npm start` and `npm run db:migrate`.
import { parseArgs } from "node:util";
import { z } from "zod";
import { appRoleSql, grantAppRole } from "../../lib/database/app-role";
import { loadEnvFiles } from "../../lib/database/target";

const usage =
  "usage: DATABASE_URL=<app role> MIGRATION_DATABASE_URL=<owner> npm run db:app-role [-- --print-sql]";
const postgres = (name: string) =>
  z
    .string({ error: `${name} is not set` })
    .regex(/^postgres(ql)?:\/\//, `${name} must be a postgresql:// URL`);
const ZEnv = z.object({
  DATABASE_URL: postgres("DATABASE_URL"),
  MIGRATION_DATABASE_URL: postgres("MIGRATION_DATABASE_URL"),
});

loadEnvFiles();
let printSql = false;
let env: z.infer<typeof ZEnv>;
try {
  printSql = Boolean(
    parseArgs({ options: { "print-sql": { type: "boolean" } } }).values["print-sql"],
  );
  env = ZEnv.parse(process.env);
} catch (error) {
  const message =
    error instanceof z.ZodError ? error.issues.map((i) => i.message).join("; ") : String(error);
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const app = new URL(env.DATABASE_URL);
const role = decodeURIComponent(app.username);
try {
  if (printSql) {
    const database = decodeURIComponent(app.pathname.slice(1)) || role;
    console.log(`CREATE ROLE "${role}" LOGIN PASSWORD '…';  -- if it does not exist yet`);
    for (const sql of appRoleSql(role, database)) console.log(`${sql};`);
  } else {
    const result = await grantAppRole(env.MIGRATION_DATABASE_URL, env.DATABASE_URL, {
      create: true,
    });
    console.log(
      result
        ? `${result.created ? "Created" : "Updated"} the app role ${result.role}: INSERT and SELECT only on the audit tables.`
        : "DATABASE_URL and MIGRATION_DATABASE_URL name the same user: nothing to grant.",
    );
  }
} catch (error) {
  console.error(
    `Could not set up the app role: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
