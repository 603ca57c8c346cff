// Admins change the approval policy: each save is a new, numbered, audited version; the highest
// version is in force and every decision records the version it was made under.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db, Tx } from "../database/client";
import { recordAudit } from "../audit/service";
import { AppError, isUniqueViolation, type FieldErrors } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { ZPolicy, type Policy } from "../policy";
import type { AppType } from "../scopes";
import { fieldErrorsOf } from "../validation";
import { reclassify, samePolicy, type Reclassified } from "./policy-rules";
import { ZSavePolicy, type SavePolicyInput } from "./policy-schemas";
import { getCurrentPolicy } from "./policy-versions";

const NEWER_VERSION = "Someone saved a newer policy while you were editing; reload to see it.";

/** Validates the note and the document together, so every problem shows at once by its field. */
function parseSave(raw: SavePolicyInput): { policy: Policy; note: string; baseVersion: number } {
  const envelope = ZSavePolicy.safeParse(raw);
  const document = ZPolicy.safeParse((raw as { policy?: unknown } | null)?.policy);
  const fieldErrors: FieldErrors = {
    ...(document.success ? {} : fieldErrorsOf(document.error)),
    ...(envelope.success ? {} : fieldErrorsOf(envelope.error)),
  };
  if (!envelope.success || !document.success) {
    const count = Object.keys(fieldErrors).length;
    const first = Object.values(fieldErrors)[0]?.[0] ?? "The policy needs attention.";
    throw new AppError(
      "INVALID_INPUT",
      count > 1 ? "Some fields need attention." : first,
      fieldErrors,
    );
  }
  return {
    policy: document.data as Policy,
    note: envelope.data.note,
    baseVersion: envelope.data.baseVersion,
  };
}

export type SavedPolicy = { id: string; version: number };

/** Saves a new version of the policy (admins only). Refuses a document identical to the one in force. */
export async function savePolicy(
  db: Db,
  actor: Actor,
  raw: SavePolicyInput,
  ctx: { ip?: string | null } = {},
): Promise<SavedPolicy> {
  assertRole(actor, "admin");
  const input = parseSave(raw);
  try {
    return await db.$transaction(async (tx) => {
      const current = await getCurrentPolicy(tx);
      if (current.version !== input.baseVersion) throw new AppError("CONFLICT", NEWER_VERSION);
      if (samePolicy(current.policy, input.policy)) {
        throw new AppError(
          "INVALID_INPUT",
          `This is the policy already in force (version ${current.version}); change a rule, their order or the fallback before saving.`,
        );
      }
      // The unique version number makes the loser of two simultaneous saves fail here.
      const created = await tx.policyVersion.create({
        data: {
          version: current.version + 1,
          document: input.policy as unknown as Prisma.InputJsonValue,
          note: input.note,
          createdById: actor.id,
        },
        select: { id: true, version: true },
      });
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "policy.changed",
        entityType: "PolicyVersion",
        entityId: created.id,
        before: { version: current.version, policy: current.policy },
        after: { version: created.version, policy: input.policy, note: input.note },
        ip: ctx.ip ?? null,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", NEWER_VERSION);
    throw error;
  }
}

export type PolicyVersionSummary = {
  id: string;
  version: number;
  note: string | null;
  createdAt: Date;
  createdBy: { id: string; name: string; email: string } | null;
};

async function withAuthors<T extends { createdById: string | null }>(db: Tx, rows: T[]) {
  const ids = [
    ...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null)),
  ];
  const users = ids.length
    ? await db.user.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, email: true },
      })
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map(({ createdById, ...row }) => ({
    ...row,
    createdBy: createdById ? (byId.get(createdById) ?? null) : null,
  }));
}

/** The newest versions first (the first one is in force). */
export async function listPolicyVersions(
  db: Tx,
  options: { take?: number } = {},
): Promise<{ rows: PolicyVersionSummary[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.policyVersion.findMany({
      orderBy: { version: "desc" },
      take: options.take ?? 100,
      select: { id: true, version: true, note: true, createdAt: true, createdById: true },
    }),
    db.policyVersion.count(),
  ]);
  return { rows: await withAuthors(db, rows), total };
}

export type PolicyVersionDetail = PolicyVersionSummary & {
  policy: Policy | null;
  document: unknown;
};

/** One version with its document (policy is null if a stored document no longer validates). */
export async function getPolicyVersion(
  db: Tx,
  version: number,
): Promise<PolicyVersionDetail | null> {
  const row = await db.policyVersion.findUnique({
    where: { version },
    select: {
      id: true,
      version: true,
      note: true,
      createdAt: true,
      createdById: true,
      document: true,
    },
  });
  if (!row) return null;
  const [detail] = await withAuthors(db, [row]);
  const parsed = ZPolicy.safeParse(row.document);
  return { ...detail!, policy: parsed.success ? (parsed.data as Policy) : null };
}

/** The version in force with who saved it, when and why (version 1, the default, is written on first use). */
export async function getPolicyInForce(db: Db): Promise<PolicyVersionSummary & { policy: Policy }> {
  const current = await getCurrentPolicy(db);
  const detail = await getPolicyVersion(db, current.version);
  return { ...detail!, policy: current.policy };
}

export const IMPACT_SAMPLE_SIZE = 5000;
const EXAMPLES = 10;

export type ImpactGroup = {
  total: number;
  checked: number;
  changed: number;
  examples: Reclassified[];
};
export type PolicyImpact = {
  version: number;
  pending: ImpactGroup;
  granted: ImpactGroup;
  isSampled: boolean;
  sampleSize: number;
};

async function impactOn(
  db: Db,
  state: "pending" | "granted",
  current: Policy,
  draft: Policy,
  sampleSize: number,
): Promise<ImpactGroup> {
  const [total, rows] = await Promise.all([
    db.appScope.count({ where: { state } }),
    db.appScope.findMany({
      where: { state },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: sampleSize,
      select: { scope: true, app: { select: { name: true, appType: true } } },
    }),
  ]);
  const changed = reclassify(
    current,
    draft,
    rows.map((r) => ({ scope: r.scope, appType: r.app.appType as AppType, appName: r.app.name })),
  );
  return {
    total,
    checked: rows.length,
    changed: changed.length,
    examples: changed.slice(0, EXAMPLES),
  };
}

/**
 * How many pending requests and live grants a draft would classify differently from the policy in
 * force, over the newest `sampleSize` of each. Nothing changes on save: pending requests are
 * approved under the policy in force at decision time, and grants stay until revoked or reviewed.
 */
export async function previewPolicyChange(
  db: Db,
  actor: Actor,
  rawPolicy: z.input<typeof ZPolicy>,
  sampleSize = IMPACT_SAMPLE_SIZE,
): Promise<PolicyImpact> {
  assertRole(actor, "admin");
  const parsed = ZPolicy.safeParse(rawPolicy);
  if (!parsed.success) {
    throw new AppError(
      "INVALID_INPUT",
      "Fix the highlighted problems in the draft to see its effect.",
      fieldErrorsOf(parsed.error),
    );
  }
  const current = await getCurrentPolicy(db);
  const draft = parsed.data as Policy;
  const [pending, granted] = await Promise.all([
    impactOn(db, "pending", current.policy, draft, sampleSize),
    impactOn(db, "granted", current.policy, draft, sampleSize),
  ]);
  return {
    version: current.version,
    pending,
    granted,
    isSampled: pending.total > pending.checked || granted.total > granted.checked,
    sampleSize,
  };
}
