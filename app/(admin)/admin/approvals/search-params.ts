// The approval queue's URL: one contract for the page (server) and the table (browser).
import { parseAsStringLiteral } from "nuqs/server";
import type { QueueSort } from "@/lib/approvals/queue";
import { RiskLevel } from "@/lib/generated/prisma/enums";
import { SCOPE_CONTEXTS } from "@/lib/scopes/types";
import { defineTableUrl, parseAsUuid } from "@/lib/tables/url";

export const queueTableUrl = defineTableUrl({
  sortable: ["waiting", "risk", "app", "partner"] satisfies QueueSort[],
  defaultSort: { id: "waiting", desc: true },
  filters: {
    risk: parseAsStringLiteral(Object.values(RiskLevel)),
    context: parseAsStringLiteral(SCOPE_CONTEXTS),
    partner: parseAsUuid,
    approvers: parseAsStringLiteral(["two"]),
  },
});
