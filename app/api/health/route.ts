import { getDb } from "@/lib/db";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Liveness and database reachability for load balancers: 200 when the database answers. */
export async function GET() {
  const started = Date.now();
  let database: { status: "up" | "down"; latencyMs?: number; error?: string };
  try {
    await Promise.race([
      getDb().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 3 s")), 3000)),
    ]);
    database = { status: "up", latencyMs: Date.now() - started };
  } catch (error) {
    database = {
      status: "down",
      error: error instanceof Error ? error.message.split("\n")[0] : "unreachable",
    };
  }
  const isHealthy = database.status === "up";
  return Response.json(
    {
      status: isHealthy ? "ok" : "degraded",
      app: { status: "up" },
      database,
      time: new Date().toISOString(),
    },
    { status: isHealthy ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
