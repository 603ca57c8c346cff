// Access tokens are JWTs (RFC 9068) so a gateway can check them with the server's JWKS, and they
// stay introspectable and revocable. oidc-provider 9 neither stores JWT access tokens nor lets
// them reach introspection or revocation; so each one is also stored under its jti (as an opaque
// token would be), and a JWT of this server posted to those two endpoints is swapped for its jti
// once its signature checks out.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import type Provider from "oidc-provider";
import type { SigningJwks } from "./keys";

type Model = { prototype: { getValueAndPayload(): Promise<{ value: string; payload?: object }> } };

/** Stores JWT access tokens as well as issuing them (each one kept until it expires). */
export function storeStructuredTokens(provider: Provider): void {
  const opaque = (provider.BaseToken as unknown as Model).prototype.getValueAndPayload;
  for (const model of [provider.AccessToken, provider.ClientCredentials] as unknown as Model[]) {
    const structured = model.prototype.getValueAndPayload;
    model.prototype.getValueAndPayload = async function (this: { format?: string }) {
      const issued = await structured.call(this);
      if (this.format !== "jwt" || issued.payload) return issued;
      const { payload } = await opaque.call(this);
      return { value: issued.value, payload: { ...payload, format: "opaque" } };
    };
  }
}

const PUBLIC_MEMBERS = ["kty", "kid", "alg", "use", "n", "e", "crv", "x", "y"];

export function publicJwks(jwks: SigningJwks): JSONWebKeySet {
  return {
    keys: jwks.keys.map(
      (key) =>
        Object.fromEntries(
          Object.entries(key).filter(([member]) => PUBLIC_MEMBERS.includes(member)),
        ) as JSONWebKeySet["keys"][number],
    ),
  };
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const FORM_LIMIT = 56 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > FORM_LIMIT) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The same request with another body (the original's stream is consumed): what Koa reads of it. */
function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = Readable.from([body], { objectMode: false });
  return Object.assign(copy, {
    method: req.method,
    url: req.url,
    originalUrl: (req as { originalUrl?: string }).originalUrl,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    connection: req.socket,
    headers: { ...req.headers, "content-length": String(body.length) },
    rawHeaders: req.rawHeaders,
  }) as unknown as IncomingMessage;
}

/**
 * For the introspection and revocation endpoints: calls `next` with the request, a JWT `token`
 * swapped for its jti when this server signed it (opaque tokens go on unchanged).
 */
export function tokenParamRewriter(options: { issuer: string; jwks: SigningJwks }) {
  const keys = createLocalJWKSet(publicJwks(options.jwks));
  const jtiOf = async (token: string) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        typ: "at+jwt",
        clockTolerance: 60,
      });
      return typeof payload.jti === "string" ? payload.jti : null;
    } catch {
      return null; // expired, foreign or forged
    }
  };
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    next: (req: IncomingMessage, res: ServerResponse) => void,
  ) => {
    const isForm = (req.headers["content-type"] ?? "").startsWith(
      "application/x-www-form-urlencoded",
    );
    if (req.method !== "POST" || !isForm) return next(req, res);
    const body = await readBody(req);
    if (!body) {
      res.writeHead(413, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({ error: "invalid_request", error_description: "request body too large" }),
      );
      return;
    }
    const form = new URLSearchParams(body.toString("utf8"));
    const token = form.get("token");
    if (!token || !JWT_SHAPE.test(token)) return next(withBody(req, body), res);
    // A JWT that fails the check is unknown here: introspection answers active: false for it.
    form.set("token", (await jtiOf(token)) ?? "unknown-token");
    next(withBody(req, Buffer.from(form.toString())), res);
  };
}
