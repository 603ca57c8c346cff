// The admin partners list's URL: one contract for the page (server) and the table (browser).
import { parseAsStringLiteral } from "nuqs/server";
import { OrgStatus } from "@/lib/generated/prisma/enums";
import type { OrgSort } from "@/lib/orgs/queries";
import { defineTableUrl } from "@/lib/tables/url";

export const partnersTableUrl = defineTableUrl({
  sortable: ["name", "status", "createdAt"] satisfies OrgSort[],
  defaultSort: { id: "name", desc: false },
  filters: { status: parseAsStringLiteral(Object.values(OrgStatus)) },
});
