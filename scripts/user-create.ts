// npm run user:create -- --role admin|reviewer --email a@b.c --name "Ada Admin" [--password ...]
// Creates a staff account (the first admin). Without --password a strong one is generated and shown once.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createPrismaClient } from "../lib/database/client";
import { loadEnvFiles, migrateTarget, openDatabaseTarget } from "../lib/database/target";
import { isAppError } from "../lib/errors";
import { createStaffUser } from "../lib/users/service";

const usage =
  'usage: npm run user:create -- --role admin|reviewer --email <e-mail> [--name "Full Name"] [--password <password>]';
const ZArgs = z.object({
  role: z.enum(["admin", "reviewer"], { error: "--role must be admin or reviewer" }),
  email: z.string({ error: "--email is required" }),
  name: z.string().optional(),
  password: z.string().optional(),
});

let args: z.infer<typeof ZArgs>;
try {
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
    },
  });
  args = ZArgs.parse(values);
} catch (error) {
  console.error(
    error instanceof z.ZodError
      ? error.issues.map((i) => i.message).join("; ")
      : String(error instanceof Error ? error.message : error),
  );
  console.error(usage);
  process.exit(2);
}

loadEnvFiles();
const generated = args.password ? null : `${randomBytes(12).toString("base64url")}-9a`;
const target = await openDatabaseTarget();
const db = createPrismaClient(target.url, { poolSize: 2 });
try {
  await migrateTarget(target);
  const user = await createStaffUser(db, {
    role: args.role,
    email: args.email,
    name: args.name ?? args.email.split("@")[0] ?? "",
    password: args.password ?? generated ?? "",
  });
  console.log(`Created ${user.role} ${user.email}.`);
  if (generated) console.log(`Password (shown once): ${generated}`);
} catch (error) {
  if (isAppError(error)) {
    const details = Object.entries(error.fieldErrors ?? {}).map(
      ([field, messages]) => `  --${field}: ${messages.join(" ")}`,
    );
    console.error([error.message, ...details].join("\n"));
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
  await target.release();
}
