// Admin reads: one request with everything an approver needs, and what the queue page shows
// around its table (the queue itself is ./queue.ts).
import type { Db } from "../database/client";
import { AppError } from "../errors";
import { evaluatePolicy } from "../policy";
import { explainScope, lintScopes, parseScope, parseScopes } from "../scopes";
import { parseIdParam } from "../validation";
import { getCurrentPolicy } from "./policy-versions";
import { isLiveScopeState } from "./rules";

/** One request with its app's whole scope set, the justification, the history and what policy says now. */
export async function getRequestDetail(db: Db, appScopeId: string, now = new Date()) {
  appScopeId = parseIdParam(appScopeId, "That request");
  const request = await db.appScope.findUnique({
    where: { id: appScopeId },
    include: {
      app: {
        include: {
          organization: { select: { id: true, name: true, status: true } },
          scopes: {
            orderBy: [{ state: "asc" }, { scope: "asc" }],
            select: { id: true, scope: true, state: true, risk: true, stateReason: true },
          },
        },
      },
      events: { orderBy: { createdAt: "asc" } },
      decisions: { orderBy: { createdAt: "asc" } },
      policyVersion: { select: { version: true } },
    },
  });
  if (!request) throw new AppError("NOT_FOUND", "That request was not found.");
  const people = await db.user.findMany({
    where: {
      id: {
        in: [
          ...request.events.map((e) => e.actorId),
          ...request.decisions.map((d) => d.adminId),
          request.requestedById,
        ].filter((id): id is string => !!id),
      },
    },
    select: { id: true, name: true, email: true, role: true },
  });
  const policy = await getCurrentPolicy(db);
  const parsed = parseScope(request.scope);
  const { app } = request;
  const live = app.scopes.filter((s) => isLiveScopeState(s.state)).map((s) => s.scope);
  return {
    request,
    people: new Map(people.map((p) => [p.id, p])),
    explanation: explainScope(parsed),
    waitingMs: now.getTime() - request.createdAt.getTime(),
    policy: {
      version: policy.version,
      decision: evaluatePolicy(policy.policy, parsed, app.appType),
    },
    lints: lintScopes(parseScopes(live), {
      appType: app.appType,
      clientType: app.clientType,
      launchModes: app.launchModes,
      launchUrl: app.launchUrl,
      signsUsersIn: app.appType !== "backend",
    }),
  };
}

/** Whether anything waits for an administrator at all (the page's empty state). */
export async function hasPendingRequests(db: Db): Promise<boolean> {
  return (
    (await db.appScope.findFirst({ where: { state: "pending" }, select: { id: true } })) !== null
  );
}

/** Partners with something pending, for the queue's partner filter. */
export async function findQueuePartners(db: Db): Promise<{ id: string; name: string }[]> {
  // EXISTS per partner and app stops at the first pending row: cheap with a million of them.
  return db.$queryRaw<{ id: string; name: string }[]>`
    SELECT o."id", o."name" FROM "Organization" o
    WHERE EXISTS (
      SELECT 1 FROM "App" a WHERE a."organizationId" = o."id"
        AND EXISTS (SELECT 1 FROM "AppScope" s WHERE s."appId" = a."id" AND s."state" = 'pending'))
    ORDER BY o."name", o."id"`;
}
