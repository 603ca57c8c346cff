// One Node.js process per instance that routes by path before Next.js: the enforcement API on plain
// node:http (gateways get the fast path at the portal's own URL), the embedded authorization
// server under /oauth, and everything else to Next.js. Framework glue lives here, not in lib/<domain>.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAuthorizationServer, type AuthorizationServer } from "../authserver/provider";
import type { EmbeddedAuthServerSettings } from "../authserver/settings";
import { publicJwks } from "../authserver/structured-tokens";
import type { TokenIssuerConfig } from "../enforcement/token-verifier";
import { errorPage } from "../authserver/error-page";
import type { Db } from "../database/client";
import { startEnforcementApi, type EnforcementApi } from "../enforcement/http";
import type { GrantCacheOptions } from "../enforcement/grant-cache";
import type { UsageRecorderOptions } from "../usage/recorder";
import { serveEnforcement } from "../enforcement/node-server";
import { BODY_TIMEOUT_MS } from "../http/body";
import { CLIENT_IP_HEADER, resolveClientAddress, type ProxyTrust } from "../http/client-ip";
import { API_CSP, PLAIN_PAGE_CSP, baseSecurityHeaders } from "../http/security-headers";
import { unavailableHook, type Availability } from "./availability";
import { routeOf } from "./routes";
import { unavailableAnswer } from "./unavailable-page";
import { clearShared, installShared, stopSharedJobs } from "../instance";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Next.js behind the front server: its request handler and how to close it. */
export type NextApp = { handle: RequestHandler; close: () => Promise<void> };

export type FrontServerOptions = {
  /** The caller's database client (it closes it after close()). */
  db: Db;
  port: number;
  host?: string;
  /** The embedded authorization server's settings for the listening origin; null: an external AS. */
  authServer: (origin: string) => EmbeddedAuthServerSettings | null;
  /** Builds the Next.js app once the HTTP server exists (it needs it for dev-mode websockets). */
  next: (server: Server) => Promise<NextApp>;
  grantCache?: GrantCacheOptions;
  /**
   * Whose access tokens decisions verify: an external issuer (AUTH_ISSUER), and the introspection
   * client for opaque tokens. With the embedded server, its issuer, audience and keys are used.
   */
  tokens?: Partial<TokenIssuerConfig>;
  /** Usage recording of decisions (lib/usage); false turns it off. */
  usage?: UsageRecorderOptions | false;
  /** The database's reachability (lib/runtime/availability.ts): pages and APIs answer 503 while it is down. */
  availability?: Availability;
  /** How long in-flight requests may take to finish on shutdown before connections are cut. */
  shutdownGraceMs?: number;
  /** Whose X-Forwarded-For to believe (TRUSTED_PROXIES); default: nobody's, the socket's peer. */
  proxyTrust?: ProxyTrust;
  /** The portal's public URL: an https one adds Strict-Transport-Security to every answer. */
  appUrl?: string;
};

export type FrontServer = {
  server: Server;
  origin: string;
  enforcement: EnforcementApi;
  authServer: AuthorizationServer | null;
  close: () => Promise<void>;
};

function unavailable(res: ServerResponse) {
  res.writeHead(503, { "Content-Type": "application/json", "Retry-After": "1" });
  res.end(JSON.stringify({ error: { code: "UNAVAILABLE", message: "Starting or stopping." } }));
}

function internalError(res: ServerResponse, error: unknown) {
  console.error("front server: request failed", error);
  if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
  res.end("Internal error");
}

// The authorization server's documents and keys need no database; its browser pages do.
const AUTH_WITHOUT_DATABASE = /\/(\.well-known\/[a-z-]+|jwks)$/;
const AUTH_BROWSER_PATHS = /\/(auth|interaction)(\/|$)/;

/** While the database is down: a 503 for the authorization server's endpoints that need it. */
function authServerUnavailable(
  availability: Availability | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const path = (req.url ?? "/").split("?")[0]!;
  if (!availability || AUTH_WITHOUT_DATABASE.test(path)) return false;
  if (availability.current().isAvailable !== false) return false;
  const answer = unavailableAnswer(AUTH_BROWSER_PATHS.test(path) ? "html" : "json");
  res.writeHead(answer.status, answer.headers);
  res.end(req.method === "HEAD" ? undefined : answer.body);
  return true;
}

export async function startFrontServer(options: FrontServerOptions): Promise<FrontServer> {
  const enforcement = await startEnforcementApi(options.db, {
    cache: options.grantCache,
    usage: options.usage,
  });
  installShared({ db: options.db, enforcement });
  let authServer: AuthorizationServer | null = null;
  let nextApp: NextApp | null = null;
  let isStopping = false;

  // Pages and API routes answer 503 while the database is unreachable (lib/runtime/availability.ts);
  // decisions keep their own fail-closed answers.
  const { availability } = options;
  const answeredUnavailable = availability ? unavailableHook(availability) : () => false;
  const proxyTrust = options.proxyTrust ?? { kind: "none" };
  const securityHeaders = baseSecurityHeaders(options.appUrl);
  // The enforcement API's answers get these in their one writeHead (lib/enforcement/node-server.ts).
  const enforcementHeaders = {
    "Cache-Control": "no-store",
    ...securityHeaders,
    "Content-Security-Policy": API_CSP,
  };
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const target = routeOf(req.method ?? "GET", req.url ?? "/", authServer?.mountPath ?? null);
    // The gateways' hot path: it reads no client address and sets its headers in one go.
    if (target.to === "enforcement")
      return serveEnforcement(enforcement, req, res, enforcementHeaders);
    // Whatever the client sent under this name is replaced by the address worked out here.
    const clientIp = resolveClientAddress(
      req.socket.remoteAddress,
      req.headers["x-forwarded-for"],
      proxyTrust,
    );
    if (clientIp) req.headers[CLIENT_IP_HEADER] = clientIp;
    else delete req.headers[CLIENT_IP_HEADER];
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    // Next.js pages get theirs, with a nonce, from proxy.ts; this one covers every other answer.
    res.setHeader("Content-Security-Policy", PLAIN_PAGE_CSP);
    if (!nextApp) return unavailable(res);
    if (target.to === "authorization-server") {
      if (authServerUnavailable(availability, req, res)) return;
      return authServer ? authServer.handle(req, res) : unavailable(res);
    }
    if (answeredUnavailable(req, res)) return;
    if (
      target.to === "interaction-page" &&
      !(await authServer!.holdsInteraction(req, res, target.uid))
    ) {
      res.writeHead(400, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
      });
      res.end(
        errorPage({
          error: "invalid_request",
          error_description: "This sign-in has expired or was opened in another browser.",
        }),
      );
      return;
    }
    await nextApp.handle(req, res);
  };
  const server = createServer((req, res) => {
    if (isStopping) res.setHeader("Connection", "close");
    Promise.resolve(route(req, res)).catch((error) => internalError(res, error));
  });
  server.keepAliveTimeout = 65_000;
  // Bounds how long a client may take to send a request: the fast path relies on it for slow bodies.
  server.requestTimeout = BODY_TIMEOUT_MS;

  try {
    nextApp = await options.next(server);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const origin = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "localhost"}:${port}`;
    const settings = options.authServer(origin);
    authServer = settings ? createAuthorizationServer(options.db, settings) : null;
    const tokens = settings
      ? {
          ...options.tokens,
          issuer: settings.issuer,
          audience: settings.fhirBaseUrl,
          jwks: publicJwks(settings.jwks),
        }
      : options.tokens;
    if (tokens?.issuer && tokens.audience)
      enforcement.tokens.configure({ ...tokens, issuer: tokens.issuer, audience: tokens.audience });

    const close = async () => {
      if (isStopping) return;
      isStopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets close now; busy ones after their response (Connection: close).
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      const cut = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
      await closed;
      clearInterval(idle);
      clearTimeout(cut);
      // The usage counters are written after the last request's decision, before the pool closes.
      await Promise.allSettled([enforcement.stop(), nextApp?.close(), stopSharedJobs()]);
      clearShared();
    };
    return { server, origin, enforcement, authServer, close };
  } catch (error) {
    server.close();
    await enforcement.stop();
    clearShared();
    throw error;
  }
}
