// Load-generation helpers for the HTTP benchmarks: a server in its own process, autocannon passes
// with a body per request, and medians over rounds.
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";

/** Spawns a process and resolves once its stdout matches `ready` (group 1: the port it listens on). */
export function startProcess(
  command: string,
  argv: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; port: number; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve({ child, port: Number(match[1]), match });
    });
    child.on("exit", (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
  });
}

export type LoadPass = { rps: number; p50: number; p99: number; errors: number };

/** One autocannon pass of POSTs to `url`, the i-th request carrying `bodyFor(i)`. */
export async function postLoad(
  url: string,
  options: {
    headers: Record<string, string>;
    bodyFor: (i: number) => string;
    connections: number;
    seconds: number;
    rate?: number;
  },
): Promise<LoadPass> {
  let n = Math.floor(Math.random() * 1000);
  const latencies: number[] = [];
  let errors = 0;
  const instance = autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: "POST",
        headers: options.headers,
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: options.bodyFor(n++) }),
      },
    ],
  });
  instance.on("response", (_c: unknown, status: number, _b: number, responseTime: number) => {
    if (status === 200) latencies.push(responseTime);
    else errors++;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    rps: result.requests.average,
    p50: at(0.5),
    p99: at(0.99),
    errors: errors + result.errors + result.timeouts,
  };
}

export const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
