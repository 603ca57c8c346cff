import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { guardedFetch } from "./guarded-fetch";
import { OutboundError, type Resolve } from "./target";

type Server = { port: number; connections: number; requests: string[]; close: () => Promise<void> };
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function listen(
  host: string,
  handler: http.RequestListener = (_req, res) => res.end("ok"),
  port = 0,
): Promise<Server> {
  const server = http.createServer((req, res) => {
    state.requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  const state: Server = {
    port: 0,
    connections: 0,
    requests: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on("connection", () => state.connections++);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  state.port = (server.address() as AddressInfo).port;
  servers.push(state);
  return state;
}

/** A hostile DNS server: the first answer for the check, the second for every lookup after it. */
function rebinding(first: string, then: string) {
  const calls: string[] = [];
  const resolve: Resolve = async (host) => {
    calls.push(host);
    return [calls.length === 1 ? first : then];
  };
  return { resolve, calls };
}

async function failureOf(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

describe("guardedFetch", () => {
  it("connects to the address it checked, so a DNS answer that changes afterwards reaches nothing inside", async () => {
    const inside = await listen("127.0.0.1");

    // Without pinning: check, then let the HTTP client resolve again, as a plain fetch does.
    const naive = rebinding("93.184.216.34", "127.0.0.1");
    await naive.resolve("hooks.example.com"); // the check sees a public address
    await new Promise<void>((resolve, reject) => {
      http
        .get({
          hostname: "hooks.example.com",
          port: inside.port,
          lookup: (host, options, callback) =>
            void naive.resolve(host).then(([address]) => {
              if (options.all) callback(null, [{ address: address!, family: 4 }]);
              else callback(null, address!, 4);
            }, reject),
        })
        .on("response", (res) => res.resume().on("end", resolve))
        .on("error", reject);
    });
    expect(inside.connections).toBe(1); // the window the guard closes

    const hostile = rebinding("93.184.216.34", "127.0.0.1");
    const outcome = await guardedFetch(`http://hooks.example.com:${inside.port}/`, {
      policy: { allowPrivateTargets: false, resolve: hostile.resolve },
      timeoutMs: 2000,
    }).then(
      (response) => response.address,
      (error: OutboundError) => error.message,
    );
    expect(outcome).toContain("93.184.216.34"); // where it went (or failed to go): the checked address
    expect(hostile.calls).toEqual(["hooks.example.com"]); // resolved once
    expect(inside.connections).toBe(1);
    expect(inside.requests).toHaveLength(1);
  });

  it("sends to the checked address even when the name later points elsewhere (two local servers)", async () => {
    const checked = await listen("127.0.0.2");
    const other = await listen("127.0.0.1", undefined, checked.port);
    const dns = rebinding("127.0.0.2", "127.0.0.1");
    const response = await guardedFetch(`http://receiver.test:${checked.port}/hook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
      policy: { allowPrivateTargets: true, resolve: dns.resolve },
    });
    expect(response).toMatchObject({ status: 200, address: "127.0.0.2" });
    expect(response.text()).toBe("ok");
    expect(checked.requests).toEqual(["POST /hook"]);
    expect(other.connections).toBe(0);
    expect(dns.calls).toEqual(["receiver.test"]);
  });

  it("refuses an internal target before connecting", async () => {
    const inside = await listen("127.0.0.1");
    const error = await failureOf(
      guardedFetch(`http://hooks.example.com:${inside.port}/`, {
        policy: { allowPrivateTargets: false, resolve: async () => ["93.184.216.34", "127.0.0.1"] },
      }),
    );
    expect(error.code).toBe("refused_target");
    expect(error.message).toMatch(
      /^Refused: hooks\.example\.com resolves to 127\.0\.0\.1, a loopback address/,
    );
    expect(inside.connections).toBe(0);
  });

  it("gives up at the deadline and reads no more than the size limit", async () => {
    const slow = await listen("127.0.0.1", () => {}); // never answers
    const started = Date.now();
    const late = await failureOf(
      guardedFetch(`http://127.0.0.1:${slow.port}/`, {
        policy: { allowPrivateTargets: true },
        timeoutMs: 300,
      }),
    );
    expect(late).toMatchObject({ code: "timeout", message: "No response within 0.3 s." });
    expect(Date.now() - started).toBeLessThan(5000);

    const big = await listen("127.0.0.1", (_req, res) => {
      res.write(Buffer.alloc(40_000));
      res.end(Buffer.alloc(40_000));
    });
    const tooLarge = await failureOf(
      guardedFetch(`http://127.0.0.1:${big.port}/`, {
        policy: { allowPrivateTargets: true },
        maxResponseBytes: 50_000,
      }),
    );
    expect(tooLarge).toMatchObject({ code: "too_large" });
  });

  it("returns a redirect as is by default; when asked to follow, checks and pins each new target", async () => {
    const second = await listen("127.0.0.2");
    const first = await listen("127.0.0.1", (_req, res) =>
      res.writeHead(302, { location: `http://next.test:${second.port}/jwks.json` }).end(),
    );
    const calls: string[] = [];
    const resolve: Resolve = async (host) => {
      calls.push(host);
      return [host === "next.test" ? "127.0.0.2" : "127.0.0.1"];
    };
    const unfollowed = await guardedFetch(`http://first.test:${first.port}/`, {
      policy: { allowPrivateTargets: true, resolve },
    });
    expect(unfollowed.status).toBe(302);
    expect(second.connections).toBe(0);

    const followed = await guardedFetch(`http://first.test:${first.port}/`, {
      policy: { allowPrivateTargets: true, resolve },
      maxRedirects: 2,
    });
    expect(followed).toMatchObject({ status: 200, address: "127.0.0.2" });
    expect(followed.url).toBe(`http://next.test:${second.port}/jwks.json`);
    expect(calls).toEqual(["first.test", "first.test", "next.test"]);
    expect(second.requests).toEqual(["GET /jwks.json"]);
  });
});
