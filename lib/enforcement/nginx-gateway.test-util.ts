// For tests: Debian's nginx running docs/nginx/scopewarden.conf (the documented file, with its
// placeholders replaced) in a temporary prefix, in front of a FHIR server, asking a decision API.
import { spawn, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
export const hasNginx = existsSync(NGINX);
export const nginxMissing = `${NGINX} is not installed. Install Debian's nginx-light (apt-get install nginx-light) or set NGINX_PATH.`;

const DOCS = path.resolve("docs/nginx");

export const listen = (server: Server, port = 0) =>
  new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
export const closeServer = (server: Server | undefined) =>
  new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));

export async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await closeServer(probe);
  return port;
}

/** Replaces one documented value, failing loudly when the documented config no longer has it. */
function substitute(text: string, from: string, to: string): string {
  if (!text.includes(from))
    throw new Error(
      `docs/nginx/scopewarden.conf no longer contains "${from}": update the test with it.`,
    );
  return text.replace(from, to);
}

export type NginxGateway = { url: string; close: () => Promise<void> };

export async function startNginxGateway(options: {
  decisionPort: number;
  fhirPort: number;
  apiKey: string;
  /** 0 or absent: a free one. */
  port?: number;
  /** More location blocks for the server (e.g. an app's pages on the same origin). */
  extraLocations?: string;
}): Promise<NginxGateway> {
  const port = options.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(path.join(tmpdir(), "scopewarden-nginx-"));
  chmodSync(dir, 0o755);
  for (const sub of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
    mkdirSync(path.join(dir, sub));
    chmodSync(path.join(dir, sub), 0o777);
  }
  let site = readFileSync(path.join(DOCS, "scopewarden.conf"), "utf8");
  site = substitute(site, "server 127.0.0.1:3300;", `server 127.0.0.1:${options.decisionPort};`);
  site = substitute(site, "server 127.0.0.1:8080;", `server 127.0.0.1:${options.fhirPort};`);
  site = substitute(
    site,
    "listen 8000;",
    `listen 127.0.0.1:${port};\n${options.extraLocations ?? ""}`,
  );
  site = substitute(
    site,
    "swk_000000000000_REPLACE-WITH-A-GATEWAY-KEY-FROM-ADMIN-GATEWAYS",
    options.apiKey,
  );
  writeFileSync(path.join(dir, "scopewarden.conf"), site);
  const isRoot = process.getuid?.() === 0;
  writeFileSync(
    path.join(dir, "nginx.conf"),
    [
      "daemon off;",
      "worker_processes 1;",
      isRoot ? "user root root;" : "",
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      "events { worker_connections 128; }",
      "http {",
      "  access_log off;",
      `  client_body_temp_path ${dir}/client_body;`,
      `  proxy_temp_path ${dir}/proxy;`,
      `  fastcgi_temp_path ${dir}/fastcgi;`,
      `  uwsgi_temp_path ${dir}/uwsgi;`,
      `  scgi_temp_path ${dir}/scgi;`,
      `  include ${dir}/scopewarden.conf;`,
      "}",
    ].join("\n"),
  );
  let log = "";
  const nginx: ChildProcess = spawn(
    NGINX,
    ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  nginx.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const close = async () => {
    if (nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx.once("exit", resolve));
      nginx.kill("SIGQUIT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (nginx.exitCode === null) nginx.kill("SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    if (nginx.exitCode !== null) {
      const errors = existsSync(path.join(dir, "error.log"))
        ? readFileSync(path.join(dir, "error.log"), "utf8")
        : "";
      await close();
      throw new Error(`nginx exited (${nginx.exitCode}): ${log}${errors}`);
    }
    const ok = await fetch(`${url}/fhir/metadata`).then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (Date.now() - started > 10_000) {
      await close();
      throw new Error(`nginx did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, close };
}
