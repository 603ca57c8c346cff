/**
 * The enforcement API on plain node:http: served ahead of Next.js by the front server
 * (lib/runtime/front-server.ts), and alone by scripts/decision-server.ts for gateways that want a
 * decision service next to them. Same handlers as the Next.js routes, far less per-request overhead.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { BODY_TIMEOUT_MS, decodeUtf8, MAX_BODY_BYTES, type BodyRead } from "../http/body";
import { apiError, internalError, type HttpResult } from "../http/result";
import { bearerToken } from "./api-keys";
import { unauthorized, type EnforcementApi, type IncomingCall } from "./http";

/**
 * Collects at most `maxBytes` of the body, counting bytes as they arrive (Content-Length is not
 * trusted), and calls back once. A stalled body is ended by the server's requestTimeout (see
 * createDecisionServer), which spares every request a timer of its own.
 */
export function collectBody(
  req: IncomingMessage,
  maxBytes: number,
  done: (read: BodyRead) => void,
): void {
  let first: Buffer | null = null;
  let rest: Buffer[] | null = null;
  let total = 0;
  let isDone = false;
  const finish = (result: BodyRead) => {
    if (isDone) return;
    isDone = true;
    done(result);
  };
  req.on("data", (chunk: Buffer) => {
    if (isDone) return;
    total += chunk.length;
    if (total > maxBytes) {
      finish({ kind: "too_large" });
      return; // the rest drains unread
    }
    if (first === null) first = chunk;
    else (rest ??= [first]).push(chunk);
  });
  req.on("end", () => {
    const text = decodeUtf8(rest ? Buffer.concat(rest) : (first ?? Buffer.alloc(0)));
    finish(text === null ? { kind: "bad_encoding" } : { kind: "ok", text });
  });
  req.on("close", () => finish({ kind: "timeout" }));
}

export function readNodeBodyCapped(
  req: IncomingMessage,
  maxBytes = MAX_BODY_BYTES,
): Promise<BodyRead> {
  return new Promise((resolve) => collectBody(req, maxBytes, resolve));
}

/** The request as the handlers see it: a class, so no closures are made per request. */
class NodeCall implements IncomingCall {
  constructor(private readonly req: IncomingMessage) {}

  header(name: string): string | null {
    const value = this.req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }

  readBody(): Promise<BodyRead> {
    return readNodeBodyCapped(this.req);
  }
}

/** Headers every answer carries besides the result's own (the front server's security headers). */
export type FixedHeaders = Readonly<Record<string, string>>;
const NO_HEADERS: FixedHeaders = { "Cache-Control": "no-store" };

/** One writeHead with every header: far cheaper per request than a setHeader call per header. */
function send(res: ServerResponse, result: HttpResult, fixed: FixedHeaders = NO_HEADERS) {
  const headers: Record<string, string> = { ...fixed, ...result.headers };
  if (
    result.body === null ||
    result.body === undefined ||
    result.status === 204 ||
    result.status === 304
  ) {
    res.writeHead(result.status, headers).end();
    return;
  }
  const body = JSON.stringify(result.body);
  headers["Content-Type"] = "application/json";
  headers["Content-Length"] = String(Buffer.byteLength(body));
  res.writeHead(result.status, headers).end(body);
}

const GRANTS_PATH = /^\/api\/v1\/clients\/([^/?#]+)\/grants$/;

export async function routeEnforcement(
  api: EnforcementApi,
  req: IncomingMessage,
): Promise<HttpResult> {
  const path = (req.url ?? "/").split("?")[0]!;
  const method = req.method ?? "GET";
  const call = new NodeCall(req);
  if (path === "/api/v1/decisions" && method === "POST") return api.decision(call);
  if (path === "/api/v1/decisions/nginx" && (method === "GET" || method === "HEAD"))
    return api.nginxDecision(call);
  const grants = GRANTS_PATH.exec(path);
  if (grants && (method === "GET" || method === "HEAD")) {
    let clientId: string;
    try {
      clientId = decodeURIComponent(grants[1]!);
    } catch {
      clientId = "";
    }
    return api.clientGrants(call, clientId);
  }
  if (path === "/healthz" && method === "GET") return api.health();
  return apiError("NOT_FOUND", "No such endpoint on the decision server.");
}

const failed = (res: ServerResponse, fixed: FixedHeaders) => (error: unknown) => {
  console.error("decision server: request failed", error);
  send(
    res,
    internalError("The decision could not be made; treat it as a denial and retry."),
    fixed,
  );
};

/**
 * POST /api/v1/decisions without a single promise when the key and the client are in memory (the
 * common case): the answer is written in the body's "end" event. Otherwise the async path.
 */
function handleDecision(
  api: EnforcementApi,
  req: IncomingMessage,
  res: ServerResponse,
  fixed: FixedHeaders,
): void {
  const call = new NodeCall(req);
  const principal = api.keys.peek(bearerToken(call.header("authorization")));
  if (principal === undefined) {
    api.decision(call).then((result) => send(res, result, fixed), failed(res, fixed));
    return;
  }
  if (principal === null) return send(res, unauthorized(), fixed);
  const early = api.checkDecisionHeaders(call);
  if (early) return send(res, early, fixed);
  collectBody(req, MAX_BODY_BYTES, (read) => {
    try {
      const result = api.decisionForBody(read);
      if (result instanceof Promise) result.then((r) => send(res, r, fixed), failed(res, fixed));
      else send(res, result, fixed);
    } catch (error) {
      failed(res, fixed)(error);
    }
  });
}

/** The enforcement endpoints a front server hands here: decisions, nginx decisions, client grants. */
export function isEnforcementPath(path: string): boolean {
  return (
    path === "/api/v1/decisions" || path === "/api/v1/decisions/nginx" || GRANTS_PATH.test(path)
  );
}

/**
 * Answers one request on the enforcement API (any path; unknown ones get 404). `fixed` holds the
 * headers every answer carries; it must include Cache-Control (no-store unless the caller knows
 * better), and a result's own headers win over it.
 */
export function serveEnforcement(
  api: EnforcementApi,
  req: IncomingMessage,
  res: ServerResponse,
  fixed: FixedHeaders = NO_HEADERS,
): void {
  if (req.method === "POST" && req.url === "/api/v1/decisions")
    return handleDecision(api, req, res, fixed);
  routeEnforcement(api, req).then((result) => send(res, result, fixed), failed(res, fixed));
}

export function createDecisionServer(api: EnforcementApi): Server {
  const server = createServer((req, res) => serveEnforcement(api, req, res));
  server.keepAliveTimeout = 65_000;
  // Bounds how long a client may take to send a request (headers and body): slow bodies are cut off.
  server.requestTimeout = BODY_TIMEOUT_MS;
  return server;
}
