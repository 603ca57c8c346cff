// Approve all or deny all of an app's request set. Each scope goes through the same decision as
// one opened on its own (decideInTx: policy, two-person rule, effects, audit), all in one
// transaction: the set is decided as a whole or not at all. Scopes this admin already approved
// and that wait for a second administrator are skipped, not refused.
import type { z } from "zod";
import { assertRole, type Actor } from "../actor";
import type { Db } from "../database/client";
import { AppError } from "../errors";
import { parseOrThrow } from "../validation";
import { decideInTx, type DecisionResult } from "./decide";
import type { DomainContext } from "./effects";
import { ZSetDecision } from "./schemas";

export type SetResult = {
  done: DecisionResult[];
  skipped: { appScopeId: string; scope: string; reason: string }[];
};

export async function decideRequestSet(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZSetDecision>,
  ctx: DomainContext = {},
): Promise<SetResult> {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZSetDecision, raw);
  return db.$transaction(
    async (tx) => {
      // Only what the admin saw: requests that arrived since are left for the next look.
      const rows = await tx.appScope.findMany({
        where: { id: { in: input.appScopeIds }, appId: input.appId },
        orderBy: { scope: "asc" },
        select: {
          id: true,
          scope: true,
          state: true,
          decisions: { where: { kind: "approve", adminId: actor.id }, select: { id: true } },
        },
      });
      const pending = rows.filter((r) => r.state === "pending");
      if (pending.length === 0)
        throw new AppError(
          "CONFLICT",
          "Another decision got there first: none of these requests is pending any more. Nothing was changed.",
        );
      const result: SetResult = { done: [], skipped: [] };
      for (const row of pending) {
        if (input.kind === "approve" && row.decisions.length > 0) {
          result.skipped.push({
            appScopeId: row.id,
            scope: row.scope,
            reason: "You already approved it; a second, different administrator must approve it.",
          });
          continue;
        }
        const decision =
          input.kind === "approve"
            ? { kind: "approve" as const, appScopeId: row.id, reason: input.reason }
            : { kind: "deny" as const, appScopeId: row.id, reason: input.reason! };
        result.done.push(await decideInTx(tx, actor, decision, ctx));
      }
      if (result.done.length === 0)
        throw new AppError(
          "CONFLICT",
          "You already approved every one of these; a second, different administrator must approve them.",
        );
      return result;
      // A payer's dozen system scopes each write their events and audit rows: more than the default 5 s.
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
