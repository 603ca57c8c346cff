"use server";
import { z } from "zod";
import { verifyAuditChain } from "@/lib/audit/verify";
import { getDb } from "@/lib/db";
import { adminAction } from "@/lib/server/action-client";

const SHOWN_PROBLEMS = 20;

/** Recomputes the whole chain on demand: too slow to run on every page view of a large log. */
export const verifyAuditChainAction = adminAction(z.void(), async () => {
  const result = await verifyAuditChain(getDb());
  return {
    data: {
      ok: result.ok,
      checked: result.checked,
      headSeq: result.headSeq,
      problems: result.problems.slice(0, SHOWN_PROBLEMS),
      problemCount: result.problems.length,
    },
  };
});
