// The server's own outbound HTTP requests (webhook deliveries, JWKS documents, …). Each request:
// resolves the host once and checks every address (target.ts); connects to that checked address
// and no other (a `lookup` that answers only with it, and no pooled sockets); gives up after a
// deadline; reads at most a set number of bytes; and follows a redirect only after checking the
// new target the same way (none by default).
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { checkTarget, OutboundError, type CheckedTarget, type OutboundPolicy } from "./target";

export type GuardedRequest = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole request, redirects included. Default 10 s. */
  timeoutMs?: number;
  /** Response bodies longer than this fail with `too_large`. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Redirects to follow (GET and HEAD only), each target checked again. Default 0: a 3xx is returned as is. */
  maxRedirects?: number;
  policy: OutboundPolicy;
  signal?: AbortSignal;
};

export type GuardedResponse = {
  url: string;
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  /** The address the connection went to: the one that was checked. */
  address: string;
  body: Buffer;
  text: () => string;
  json: () => unknown;
};

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 1024 * 1024;

/** A lookup that ignores the name and answers with the checked address. */
function pinnedLookup(target: CheckedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

function networkError(error: unknown, target: CheckedTarget): OutboundError {
  if (error instanceof OutboundError) return error;
  const e = error as { code?: string; message?: string } | null;
  const what = e?.code ?? e?.message ?? "request failed";
  return new OutboundError(
    "network",
    `${what} (connecting to ${target.address} for ${target.host})`.slice(0, 500),
    undefined,
    { cause: error },
  );
}

function requestOnce(
  target: CheckedTarget,
  init: GuardedRequest,
  signal: AbortSignal,
): Promise<GuardedResponse> {
  const limit = init.maxResponseBytes ?? DEFAULT_MAX_BYTES;
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(target.url, {
      method: init.method ?? "GET",
      headers: init.headers,
      lookup: pinnedLookup(target),
      agent: false,
      signal,
    });
    request.on("error", (error) =>
      reject(signal.aborted ? (signal.reason as Error) : networkError(error, target)),
    );
    request.on("response", (response) => {
      const declared = Number(response.headers["content-length"] ?? 0);
      const tooLarge = () =>
        new OutboundError("too_large", `The response is larger than ${limit} bytes.`);
      if (declared > limit) {
        response.destroy();
        return reject(tooLarge());
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          response.destroy();
          return reject(tooLarge());
        }
        chunks.push(chunk);
      });
      response.on("error", (error) =>
        reject(signal.aborted ? (signal.reason as Error) : networkError(error, target)),
      );
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({
          url: target.url.toString(),
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? "",
          headers: response.headers,
          address: target.address,
          body,
          text: () => body.toString("utf8"),
          json: () => JSON.parse(body.toString("utf8")),
        });
      });
    });
    request.end(init.body);
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Sends one request under the guard; throws OutboundError for every failure but an HTTP status. */
export async function guardedFetch(
  url: string | URL,
  init: GuardedRequest,
): Promise<GuardedResponse> {
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([deadline, init.signal]) : deadline;
  const timeout = () => new OutboundError("timeout", `No response within ${timeoutMs / 1000} s.`);
  const method = (init.method ?? "GET").toUpperCase();
  let next: string | URL = url;
  for (let hop = 0; ; hop++) {
    const target = await checkTarget(next, init.policy);
    if (signal.aborted) throw deadline.aborted ? timeout() : (signal.reason as Error);
    let response: GuardedResponse;
    try {
      response = await requestOnce(target, init, signal);
    } catch (error) {
      if (deadline.aborted) throw timeout();
      throw error;
    }
    const location = response.headers.location;
    const mayFollow =
      REDIRECTS.has(response.status) &&
      location &&
      hop < (init.maxRedirects ?? 0) &&
      (method === "GET" || method === "HEAD");
    if (!mayFollow) return response;
    next = new URL(location, target.url);
  }
}
