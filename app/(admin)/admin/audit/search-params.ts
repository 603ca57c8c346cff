// The audit log table's URL: one contract for the page (server) and the table (browser). The
// filters' own rules (an action pattern, whole days) are checked again by parseAuditFilters.
import { parseAsString } from "nuqs/server";
import type { AuditSortColumn } from "@/lib/audit/queries";
import { defineTableUrl, parseAsUuid } from "@/lib/tables/url";

export const auditTableUrl = defineTableUrl({
  sortable: ["seq"] satisfies AuditSortColumn[],
  defaultSort: { id: "seq", desc: true },
  filters: {
    action: parseAsString,
    actor: parseAsString,
    entityType: parseAsString,
    organizationId: parseAsUuid,
    from: parseAsString,
    to: parseAsString,
  },
});
