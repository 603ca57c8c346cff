// Every environment variable the running app reads, validated in one place.
import { z } from "zod";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({
      error:
        "DATABASE_URL is not set: start the app with `npm run dev` / `npm start`, or set it to a PostgreSQL URL",
    })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  NEXTAUTH_SECRET: z
    .string({
      error: "NEXTAUTH_SECRET is not set (32+ random characters, e.g. `openssl rand -base64 32`)",
    })
    .min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  APP_URL: z
    .url("APP_URL must be an absolute URL such as https://portal.example.com")
    .default("http://localhost:3000"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must look like smtp://user:pass@host:587")
    .optional(),
  MAIL_FROM: z.string().default("Scopewarden <no-reply@scopewarden.local>"),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  JOBS_ENABLED: z.enum(["true", "false"]).default("true"),
  /** Unset: allowed outside production. */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z
    .enum(["true", "false"], "WEBHOOK_ALLOW_PRIVATE_TARGETS must be true or false")
    .optional(),
  WEBHOOK_ENCRYPTION_KEY: z
    .string()
    .min(
      32,
      "WEBHOOK_ENCRYPTION_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)",
    )
    .optional(),
  /** Set: tokens come from this external authorization server and the embedded one is not started. */
  AUTH_ISSUER: z
    .url("AUTH_ISSUER must be an absolute URL such as https://login.example.com/realms/fhir")
    .optional(),
  /** The embedded authorization server's settings, validated in lib/authserver/settings.ts. */
  AUTH_REGISTRATION_TOKEN: z.string().optional(),
  AUTH_JWKS: z.string().optional(),
  AUTH_COOKIE_KEYS: z.string().optional(),
  AUTH_ENCRYPTION_KEY: z
    .string()
    .min(32, "AUTH_ENCRYPTION_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)")
    .optional(),
  /** The FHIR API's base URL: the audience of access tokens. Unset: <APP_URL>/fhir. */
  FHIR_BASE_URL: z
    .url("FHIR_BASE_URL must be an absolute URL such as https://fhir.example.com/r4")
    .optional(),
});

export type Env = z.infer<typeof ZEnv>;
let cached: Env | undefined;

/** Parsed on first use, so `next build` does not need a database. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = ZEnv.safeParse({
    ...process.env,
    APP_URL: process.env.APP_URL ?? process.env.NEXTAUTH_URL,
  });
  if (!parsed.success) {
    throw new Error(
      `Invalid environment:\n${parsed.error.issues.map((i) => `  - ${i.message}`).join("\n")}`,
    );
  }
  cached = parsed.data;
  return cached;
}
