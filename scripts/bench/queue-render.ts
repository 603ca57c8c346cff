// bench:queue, part 2: /admin/approvals rendered by `next start` over HTTP, signed in as an admin.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { encode } from "next-auth/jwt";
import type { QueueSort } from "../../lib/approvals/queue";
import type { Sort } from "../../lib/tables/query";
import { fmt, median, p95 } from "./queue-stats";

type Case = {
  sort: Sort<QueueSort>;
  filter: { label: string; url: string };
  positions: { which: string; page: number; cursor: string | null }[];
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function renderPages(options: {
  databaseUrl: string;
  admin: { id: string; email: string; name: string };
  cases: Case[];
  runs: number;
  targetMs: number;
}) {
  const port = await freePort();
  const secret = "bench-secret-bench-secret-bench-secret!!";
  const server = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    {
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: `http://localhost:${port}`,
        JOBS_ENABLED: "false",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: "ignore",
    },
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 150; i++) {
      const up = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const { admin } = options;
    const token = await encode({
      secret,
      token: {
        sub: admin.id,
        email: admin.email,
        name: admin.name,
        role: "admin",
        organizationId: null,
      },
    });
    const headers = { cookie: `next-auth.session-token=${token}` };
    console.log(
      `\nserver render of /admin/approvals (next start, HTTP), ${options.runs} runs each; ms`,
    );
    console.log(
      `${"sort".padEnd(13)}${"filter".padEnd(18)}${"page".padEnd(15)}${"p50".padStart(11)}${"p95".padStart(9)}`,
    );
    const p50s: number[] = [];
    for (const c of options.cases) {
      for (const position of c.positions) {
        const params = new URLSearchParams(c.filter.url);
        params.set("sort", `${c.sort.id}.${c.sort.desc ? "desc" : "asc"}`);
        if (position.page > 1) params.set("page", String(position.page));
        if (position.cursor) params.set("cursor", position.cursor);
        const url = `${base}/admin/approvals?${params}`;
        const check = await fetch(url, { headers });
        const html = await check.text();
        if (check.status !== 200 || !html.includes("Pending scope requests"))
          throw new Error(`page ${url} answered ${check.status}`);
        const times: number[] = [];
        for (let i = 0; i < options.runs; i++) {
          const t0 = performance.now();
          await (await fetch(url, { headers })).text();
          times.push(performance.now() - t0);
        }
        p50s.push(median(times));
        console.log(
          `${`${c.sort.id}.${c.sort.desc ? "desc" : "asc"}`.padEnd(13)}${c.filter.label.padEnd(18)}${`${position.which} (${position.page})`.padEnd(15)}${fmt(median(times))}${fmt(p95(times), 9)}`,
        );
      }
    }
    const met = p50s.filter((ms) => ms <= options.targetMs).length;
    console.log(
      `page p50 ≤ ${options.targetMs} ms in ${met} of ${p50s.length} cases; slowest ${Math.max(...p50s).toFixed(1)} ms`,
    );
  } finally {
    server.kill("SIGTERM");
  }
}
