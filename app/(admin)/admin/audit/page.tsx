import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import {
  auditFilterParams,
  findAuditEvents,
  getAuditFilterOptions,
  getAuditHead,
  parseAuditFilters,
} from "@/lib/audit/queries";
import { latestStoredCheckpoint } from "@/lib/audit/checkpoints";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { AuditTable, type AuditTableRow } from "./_components/audit-table";
import { ChainStatus } from "./_components/chain-status";
import { auditTableUrl } from "./search-params";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const pretty = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value, null, 2);

export default async function AuditPage({ searchParams }: Props) {
  const admin = await requirePageUser(["admin"], "/admin/audit");
  const raw = await searchParams;
  const query = auditTableUrl.load(raw);
  const filters = parseAuditFilters(raw);
  const db = getDb();
  const [head, checkpoint, page, options] = await Promise.all([
    getAuditHead(db),
    latestStoredCheckpoint(db),
    findAuditEvents(db, admin, { ...query, filters }),
    getAuditFilterOptions(db, admin),
  ]);
  const exportParams = auditFilterParams(filters).toString();
  const rows: AuditTableRow[] = page.rows.map(({ before, after, ...row }) => ({
    ...row,
    before: pretty(before),
    after: pretty(after),
  }));
  const isEmptyLog = !head || head.seq === "0";

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in the portal, append-only: who did it, when, and what it was before and after. Each event is sealed, with a key the database does not hold, together with the seal of the one before it, and the head is signed every minute, so an edited, inserted, deleted or forged event shows when the chain is verified."
        actions={
          isEmptyLog ? null : (
            // A POST: the export writes its own audit event, and a GET must change nothing.
            <form
              method="post"
              action={`/admin/audit/export${exportParams ? `?${exportParams}` : ""}`}
            >
              <button type="submit" className={buttonClass("secondary")}>
                Export CSV{exportParams ? " (filtered)" : ""}
              </button>
            </form>
          )
        }
      />
      {isEmptyLog ? (
        <EmptyState
          title="No events yet"
          description="Sign-ups, sign-ins, app registrations, decisions and policy changes are recorded here as they happen."
        />
      ) : (
        <div className="space-y-6">
          <ChainStatus
            headSeq={head.seq}
            checkpoint={
              checkpoint
                ? { seq: checkpoint.seq, at: new Date(checkpoint.at), keyId: checkpoint.keyId }
                : null
            }
          />
          <AuditTable page={{ ...page, rows }} options={options} filters={filters} />
        </div>
      )}
    </>
  );
}
