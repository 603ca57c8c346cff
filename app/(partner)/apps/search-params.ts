// A partner's app list URL: one contract for the page (server) and the table (browser).
import { parseAsStringLiteral } from "nuqs/server";
import type { AppSortColumn } from "@/lib/apps/queries";
import { AppStatus } from "@/lib/generated/prisma/enums";
import { defineTableUrl } from "@/lib/tables/url";

export const myAppsTableUrl = defineTableUrl({
  sortable: ["name", "status", "appType", "createdAt"] satisfies AppSortColumn[],
  defaultSort: { id: "createdAt", desc: true },
  filters: { status: parseAsStringLiteral(Object.values(AppStatus)) },
});
