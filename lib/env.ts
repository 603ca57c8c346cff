// Every environment variable the running app reads, validated in one place. Domain code that also
// runs in CLIs and tests (the audit chain, outbound requests) reads its own section, so it needs no
// database URL or session secret to start.
import { z } from "zod";
import { isSigningKey } from "./signing-key";

const ZNodeEnv = z.enum(["development", "production", "test"]).default("development");

/** USAGE_FLUSH_SECONDS, for the portal and the standalone decision server alike. */
export const ZUsageFlushSeconds = z.coerce
  .number({ error: "USAGE_FLUSH_SECONDS is a number of seconds." })
  .int("USAGE_FLUSH_SECONDS is a whole number of seconds.")
  .min(5, "USAGE_FLUSH_SECONDS is at least 5.")
  .max(3600, "USAGE_FLUSH_SECONDS is at most 3600 (an hour).")
  .default(30);
const flag = (name: string) =>
  z.enum(["true", "false"], `${name} must be true or false`).optional();

const outboundShape = {
  NODE_ENV: ZNodeEnv,
  /** Unset: refused in production, allowed otherwise. Covers every outbound request. */
  OUTBOUND_ALLOW_PRIVATE_TARGETS: flag("OUTBOUND_ALLOW_PRIVATE_TARGETS"),
  /** The older name, from when only webhooks went out; still honoured. */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: flag("WEBHOOK_ALLOW_PRIVATE_TARGETS"),
};

const auditShape = {
  NODE_ENV: ZNodeEnv,
  AUDIT_HMAC_KEY: z
    .string()
    .min(32, "AUDIT_HMAC_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)")
    .optional(),
  AUDIT_SIGNING_KEY: z
    .string()
    .refine(
      isSigningKey,
      "AUDIT_SIGNING_KEY must be an Ed25519 private key (PKCS#8 PEM or base64 DER): `npm run audit:keys -- generate` makes one",
    )
    .optional(),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).default(".data/audit-checkpoints"),
};

type AuditFields = { NODE_ENV: string; AUDIT_HMAC_KEY?: string; AUDIT_SIGNING_KEY?: string };
/** Outside development the keys must come from the operator: a generated one would not be kept. */
function requireAuditKeysInProduction(env: AuditFields, ctx: z.RefinementCtx) {
  if (env.NODE_ENV !== "production") return;
  for (const name of ["AUDIT_HMAC_KEY", "AUDIT_SIGNING_KEY"] as const) {
    if (!env[name])
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `${name} is not set: production needs the audit keys (\`npm run audit:keys -- generate\`)`,
      });
  }
}

/** Which proxies' X-Forwarded-For entries are believed (lib/http/client-ip.ts parses them). */
const proxyShape = {
  TRUSTED_PROXIES: z.string().optional(),
  TRUSTED_PROXY_HOPS: z.string().optional(),
};

/** The key that seals links in queued mail (lib/notifications/sealed-link.ts). */
const mailShape = {
  NODE_ENV: ZNodeEnv,
  MAIL_LINK_KEY: z
    .string()
    .min(32, "MAIL_LINK_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)")
    .optional(),
  NEXTAUTH_SECRET: z.string().optional(),
};

/** Budgets an operator may change (lib/rate-limit.ts). */
const rateLimitShape = {
  SIGN_UP_LIMIT_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1, "SIGN_UP_LIMIT_PER_HOUR must be at least 1")
    .max(100_000)
    .default(10),
};

const ZRateLimitEnv = z.object(rateLimitShape);
const ZMailEnv = z.object(mailShape);
const ZProxyEnv = z.object(proxyShape);
/** Where the portal registers its apps (RFC 7591/7592), and the key that seals what it keeps of them. */
const provisioningShape = {
  NODE_ENV: ZNodeEnv,
  APP_URL: z
    .url("APP_URL must be an absolute URL such as https://portal.example.com")
    .default("http://localhost:3000"),
  /** Set: tokens come from this external authorization server and the embedded one is not started. */
  AUTH_ISSUER: z
    .url("AUTH_ISSUER must be an absolute URL such as https://login.example.com/realms/fhir")
    .optional(),
  /** The RFC 7591 registration endpoint. Unset: the embedded server's <issuer>/reg. */
  AUTH_REGISTRATION_ENDPOINT: z
    .url(
      "AUTH_REGISTRATION_ENDPOINT must be an absolute URL such as https://login.example.com/realms/fhir/clients-registrations/openid-connect",
    )
    .optional(),
  /** The initial access token RFC 7591 registration requires. */
  AUTH_REGISTRATION_TOKEN: z.string().optional(),
  AUTH_ENCRYPTION_KEY: z
    .string()
    .min(32, "AUTH_ENCRYPTION_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)")
    .optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  /** fetch (default): a backend app's JWKS URL is fetched and checked at registration. skip: for
   * test servers without network access only. */
  JWKS_URL_CHECK: z
    .enum(["fetch", "skip"], "JWKS_URL_CHECK must be fetch or skip")
    .default("fetch"),
};

const ZOutboundEnv = z.object(outboundShape);
const ZProvisioningEnv = z.object(provisioningShape);
const ZAuditEnv = z.object(auditShape).superRefine(requireAuditKeysInProduction);

const ZEnv = z
  .object({
    ...outboundShape,
    ...auditShape,
    ...proxyShape,
    ...rateLimitShape,
    MAIL_LINK_KEY: mailShape.MAIL_LINK_KEY,
    ...provisioningShape,
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
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must look like smtp://user:pass@host:587")
      .optional(),
    MAIL_FROM: z.string().default("Scopewarden <no-reply@scopewarden.local>"),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    JOBS_ENABLED: z.enum(["true", "false"]).default("true"),
    /** Usage evidence from the decision path (lib/usage); "off" only for benchmarks. */
    USAGE_RECORDING: z
      .enum(["on", "off"], { error: "USAGE_RECORDING is on or off." })
      .default("on"),
    /** How often each instance writes its usage counters (± 20 %). */
    USAGE_FLUSH_SECONDS: ZUsageFlushSeconds,
    /** AUTH_JWKS, AUTH_COOKIE_KEYS: the embedded server's keys (lib/authserver/settings.ts). */
    AUTH_JWKS: z.string().optional(),
    AUTH_COOKIE_KEYS: z.string().optional(),
    /** The client the decision API introspects opaque access tokens as (RFC 7662, client_secret_basic). */
    AUTH_INTROSPECTION_CLIENT_ID: z.string().min(1).optional(),
    AUTH_INTROSPECTION_CLIENT_SECRET: z.string().min(1).optional(),
    /** The FHIR API's base URL: the audience of access tokens. Unset: <APP_URL>/fhir. */
    FHIR_BASE_URL: z
      .url("FHIR_BASE_URL must be an absolute URL such as https://fhir.example.com/r4")
      .optional(),
    WEBHOOK_ENCRYPTION_KEY: z
      .string()
      .min(
        32,
        "WEBHOOK_ENCRYPTION_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)",
      )
      .optional(),
  })
  .superRefine(requireAuditKeysInProduction);

export type Env = z.infer<typeof ZEnv>;
export type AuditEnv = z.infer<typeof ZAuditEnv>;
export type OutboundEnv = z.infer<typeof ZOutboundEnv>;
export type ProxyEnv = z.infer<typeof ZProxyEnv>;
export type MailEnv = z.infer<typeof ZMailEnv>;
export type RateLimitEnv = z.infer<typeof ZRateLimitEnv>;
export type ProvisioningEnv = z.infer<typeof ZProvisioningEnv>;

function parseEnv<S extends z.ZodType>(schema: S): z.output<S> {
  const parsed = schema.safeParse({
    ...process.env,
    APP_URL: process.env.APP_URL ?? process.env.NEXTAUTH_URL,
  });
  if (!parsed.success) {
    throw new Error(
      `Invalid environment:\n${parsed.error.issues.map((i) => `  - ${i.message}`).join("\n")}`,
    );
  }
  return parsed.data;
}

const cache: {
  env?: Env;
  audit?: AuditEnv;
  outbound?: OutboundEnv;
  proxy?: ProxyEnv;
  mail?: MailEnv;
  rateLimit?: RateLimitEnv;
  provisioning?: ProvisioningEnv;
} = {};

/** Parsed on first use, so `next build` does not need a database. */
export const getEnv = (): Env => (cache.env ??= parseEnv(ZEnv));
/** The audit chain's keys and checkpoint directory. */
export const getAuditEnv = (): AuditEnv => (cache.audit ??= parseEnv(ZAuditEnv));
/** The outbound-request policy. */
export const getOutboundEnv = (): OutboundEnv => (cache.outbound ??= parseEnv(ZOutboundEnv));
/** The trusted proxies in front of the app. */
export const getProxyEnv = (): ProxyEnv => (cache.proxy ??= parseEnv(ZProxyEnv));
/** The mail-link sealing key. */
export const getMailEnv = (): MailEnv => (cache.mail ??= parseEnv(ZMailEnv));
/** Operator-set rate limits. */
export const getRateLimitEnv = (): RateLimitEnv => (cache.rateLimit ??= parseEnv(ZRateLimitEnv));
/** The authorization server the portal provisions its apps at. */
export const getProvisioningEnv = (): ProvisioningEnv =>
  (cache.provisioning ??= parseEnv(ZProvisioningEnv));
