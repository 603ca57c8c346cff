// npm run --silent demo:token -- --scope "system/Patient.rs" [--url http://localhost:3000] [--key .data/demo-backend-key.json]
// Gets a real SMART Backend Services token for the demo backend app from the running portal's
// embedded authorization server and prints the token response as JSON. A scope the app was not
// granted exits 1 with the authorization server's error (invalid_scope).
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEMO_BACKEND_KEY_FILE, readDemoBackendKey } from "../prisma/demo-backend";
import { requestBackendToken } from "./demo-token-request";

const ZArgs = z.object({
  scope: z
    .string({ error: '--scope is required, e.g. --scope "system/Patient.rs"' })
    .trim()
    .min(1, '--scope is required, e.g. --scope "system/Patient.rs"')
    .max(2000),
  url: z
    .url("--url must be the portal's address, e.g. http://localhost:3000")
    .default(process.env.APP_URL ?? "http://localhost:3000"),
  key: z.string().min(1).default(DEMO_BACKEND_KEY_FILE),
});

let args: z.infer<typeof ZArgs>;
try {
  const { values } = parseArgs({
    options: { scope: { type: "string" }, url: { type: "string" }, key: { type: "string" } },
  });
  args = ZArgs.parse(values);
} catch (error) {
  const message =
    error instanceof z.ZodError ? error.issues.map((i) => i.message).join("; ") : String(error);
  console.error(message);
  process.exit(2);
}

let key;
try {
  key = readDemoBackendKey(args.key);
} catch {
  console.error(
    `No demo backend key in ${args.key}: start the portal once with \`npm run dev\` (embedded mode loads the demo data and writes it).`,
  );
  process.exit(2);
}

const issuer = `${args.url.replace(/\/+$/, "")}/oauth`;
const outcome = await requestBackendToken(issuer, key, args.scope);
if (outcome.ok) {
  console.log(JSON.stringify(outcome.response, null, 2));
} else {
  console.error(JSON.stringify(outcome.error, null, 2));
  process.exit(1);
}
