// One line once the grant cache is warm: how long it took and what the clients cost in memory.
// The memory is measured over the clients loaded after this is called (Next.js's own start-up
// overlaps the first ones), so it is the cache's share of RSS, not the whole process's.
import type { GrantCache } from "../enforcement/grant-cache";

export async function reportWarmUp(grants: GrantCache): Promise<void> {
  const before = { rss: process.memoryUsage().rss, clients: grants.warmUp().clients };
  await grants.warm();
  if (!grants.isReady()) return;
  const { clients, grants: count, ms, isComplete } = grants.warmUp();
  const loaded = clients - before.clients;
  const perClient =
    loaded >= 1000
      ? `${Math.round((process.memoryUsage().rss - before.rss) / loaded)} B (over the last ${loaded.toLocaleString("en")})`
      : "n/a (too few loaded after start-up)";
  console.log(
    `Grant cache warm: ${clients.toLocaleString("en")} clients (${count.toLocaleString("en")} grants) in ${((ms ?? 0) / 1000).toFixed(1)} s` +
      `${isComplete ? "" : " (stopped at the cache's limit)"}; RSS per client ${perClient}`,
  );
}
