// The approval queue by app's URL: one contract for the page (server) and the table (browser).
import { createParser, parseAsStringLiteral } from "nuqs/server";
import type { AppQueueSort } from "@/lib/approvals/queue-by-app";
import { RISK_LEVELS } from "@/lib/scopes";
import { SCOPE_TEMPLATES } from "@/lib/scopes/templates";
import { defineTableUrl, parseAsUuid } from "@/lib/tables/url";
import { isUuid } from "@/lib/validation";

/** `me`, `none` (unassigned) or an admin's id. */
const parseAsAssignee = createParser({
  parse: (value) =>
    value === "me" || value === "none" ? value : isUuid(value) ? value.toLowerCase() : null,
  serialize: (value: string) => value,
});

export const appQueueTableUrl = defineTableUrl({
  sortable: ["due", "waiting", "risk", "app", "partner"] satisfies AppQueueSort[],
  defaultSort: { id: "due", desc: false },
  filters: {
    risk: parseAsStringLiteral(RISK_LEVELS),
    template: parseAsStringLiteral(SCOPE_TEMPLATES.map((t) => t.key)),
    partner: parseAsUuid,
    assignee: parseAsAssignee,
    due: parseAsStringLiteral(["overdue", "soon"]),
  },
});
