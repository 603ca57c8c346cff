// The approval queue's URL: one contract for the page (server) and the table (browser).
import { parseAsStringLiteral } from "nuqs/server";
import type { QueueSort } from "@/lib/approvals/queue";
import { RISK_LEVELS } from "@/lib/scopes";
import { SCOPE_CONTEXTS } from "@/lib/scopes/types";
import { defineTableUrl, parseAsUuid } from "@/lib/tables/url";

export const queueTableUrl = defineTableUrl({
  sortable: ["due", "waiting", "risk", "app", "partner"] satisfies QueueSort[],
  defaultSort: { id: "waiting", desc: true },
  filters: {
    risk: parseAsStringLiteral(RISK_LEVELS),
    context: parseAsStringLiteral(SCOPE_CONTEXTS),
    partner: parseAsUuid,
    approvers: parseAsStringLiteral(["two"]),
  },
});
