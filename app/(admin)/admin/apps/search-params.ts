// The admin apps list's URL: one contract for the page (server) and the table (browser).
import { parseAsStringLiteral } from "nuqs/server";
import type { AdminAppSort } from "@/lib/apps/queries";
import { AppStatus, AppType } from "@/lib/generated/prisma/enums";
import { defineTableUrl } from "@/lib/tables/url";

export const adminAppsTableUrl = defineTableUrl({
  sortable: ["name", "partner", "status", "appType", "createdAt"] satisfies AdminAppSort[],
  defaultSort: { id: "createdAt", desc: true },
  filters: {
    status: parseAsStringLiteral(Object.values(AppStatus)),
    appType: parseAsStringLiteral(Object.values(AppType)),
  },
});
