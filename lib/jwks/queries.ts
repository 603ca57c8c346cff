// Reads of the last key check, for app pages and review items.
import type { Db } from "../database/client";
import type { KeyInfo, KeyProblem } from "./analyze";

/** Whether an app has keys to check: a backend app with a JWKS URL or a pasted JWK set. */
export function hasCheckableKeys(app: {
  appType: string;
  jwksUrl: string | null;
  jwks: unknown;
}): boolean {
  return app.appType === "backend" && (app.jwksUrl !== null || app.jwks !== null);
}

export type KeyCheckView = {
  checkedAt: Date;
  isAnswered: boolean;
  keys: KeyInfo[];
  problems: KeyProblem[];
};

export async function getKeyCheck(db: Db, appId: string): Promise<KeyCheckView | null> {
  const row = await db.appKeyCheck.findUnique({ where: { appId } });
  if (!row) return null;
  return {
    checkedAt: row.checkedAt,
    isAnswered: row.isAnswered,
    keys: row.keys as unknown as KeyInfo[],
    problems: row.problems as unknown as KeyProblem[],
  };
}

/** The problem codes of each app's last check (apps with none are absent). */
export async function findKeyProblems(
  db: Db,
  appIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (appIds.length === 0) return new Map();
  const rows = await db.appKeyCheck.findMany({
    where: { appId: { in: [...new Set(appIds)] } },
    select: { appId: true, problems: true },
  });
  return new Map(
    rows
      .map(
        (r) =>
          [
            r.appId,
            [...new Set((r.problems as unknown as KeyProblem[]).map((p) => p.code))],
          ] as const,
      )
      .filter(([, codes]) => codes.length > 0)
      .map(([id, codes]) => [id, [...codes]]),
  );
}
