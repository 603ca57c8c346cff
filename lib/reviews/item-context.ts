// What review items refer to, read next to them. An item keeps its campaign and grant as plain ids
// (checked by the sw_review_item_* triggers rather than per-row foreign keys, so a campaign of a
// million grants opens in one fast statement; see docs/access-reviews.md): the grant's current
// state and the app and partner are looked up for the rows at hand.
import type { Db, Tx } from "../database/client";

/** Of these grants, the ones still granted. */
export async function stillGranted(db: Db | Tx, appScopeIds: readonly string[]) {
  if (appScopeIds.length === 0) return new Set<string>();
  const rows = await db.appScope.findMany({
    where: { id: { in: [...new Set(appScopeIds)] }, state: "granted" },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

export type ItemApp = {
  id: string;
  name: string;
  status: string;
  clientId: string;
  templateKey: string | null;
  organizationId: string;
  organization: { id: string; name: string };
};

/** The apps of these items (an item's appId is its grant's app), with their partner, by id. */
export async function appsOf(db: Db | Tx, appIds: readonly string[]) {
  const apps: ItemApp[] =
    appIds.length === 0
      ? []
      : await db.app.findMany({
          where: { id: { in: [...new Set(appIds)] } },
          select: {
            id: true,
            name: true,
            status: true,
            clientId: true,
            templateKey: true,
            organizationId: true,
            organization: { select: { id: true, name: true } },
          },
        });
  return new Map(apps.map((a) => [a.id, a]));
}

/** The app of an item, which exists for as long as the item does (apps are never deleted). */
export function appOf(apps: ReadonlyMap<string, ItemApp>, appId: string): ItemApp {
  const app = apps.get(appId);
  if (!app) throw new Error(`review item refers to app ${appId}, which does not exist`);
  return app;
}
