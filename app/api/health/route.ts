import { getDb } from "@/lib/db";
import { getEnforcementApi } from "@/lib/server/enforcement";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Liveness and database reachability for load balancers: 200 when the database answers. Also
 * whether this instance's grant cache is within its freshness bound (when it is not, decisions
 * are read from the database: slower, still correct).
 */
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
  const grants = isHealthy ? (await getEnforcementApi().catch(() => null))?.grants : undefined;
  return Response.json(
    {
      status: isHealthy ? "ok" : "degraded",
      app: { status: "up" },
      database,
      grantCache: grants ? { isFresh: grants.isFresh(), entries: grants.size } : null,
      time: new Date().toISOString(),
    },
    { status: isHealthy ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
