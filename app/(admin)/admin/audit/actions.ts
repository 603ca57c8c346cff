"use server";
import { verifyAuditChain } from "@/lib/audit/verify";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { runAction, type ActionState } from "@/lib/server/action";

const SHOWN_PROBLEMS = 20;

/** Recomputes the whole chain on demand: too slow to run on every page view of a large log. */
export async function verifyAuditChainAction(): Promise<ActionState> {
  return runAction(undefined, async () => {
    await requireUser(["admin"]);
    const result = await verifyAuditChain(getDb());
    return {
      status: "success",
      data: {
        ok: result.ok,
        checked: result.checked,
        headSeq: result.headSeq,
        problems: result.problems.slice(0, SHOWN_PROBLEMS),
        problemCount: result.problems.length,
      },
    };
  });
}
