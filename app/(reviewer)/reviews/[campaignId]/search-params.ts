// A reviewer's items in one campaign: one URL contract for the page (server) and the list.
import { parseAsStringLiteral } from "nuqs/server";
import { RISK_LEVELS } from "@/lib/scopes";
import type { ItemSort } from "@/lib/reviews/queries";
import { defineTableUrl } from "@/lib/tables/url";

export const reviewItemsUrl = defineTableUrl({
  sortable: ["risk", "app", "partner", "scope"] satisfies ItemSort[],
  defaultSort: { id: "risk", desc: true },
  filters: {
    // What is left to do, unless the reviewer asks for the answered ones or all.
    status: parseAsStringLiteral(["pending", "decided", "all"]).withDefault("pending"),
    risk: parseAsStringLiteral(RISK_LEVELS),
    // Grants with no allowed decision within the policy's unused threshold.
    usage: parseAsStringLiteral(["unused"]),
  },
});
