// The approval policy in force: the highest saved version. Version 1 is the default policy,
// written on first use, so every decision can name the version it was made under.
import type { Tx } from "../database/client";
import type { Prisma } from "../generated/prisma/client";
import { DEFAULT_POLICY, ZPolicy, type Policy } from "../policy";

export type PolicyInForce = { id: string; version: number; policy: Policy };

export async function getCurrentPolicy(tx: Tx): Promise<PolicyInForce> {
  let latest = await tx.policyVersion.findFirst({ orderBy: { version: "desc" } });
  if (!latest) {
    await tx.policyVersion.createMany({
      data: [
        {
          version: 1,
          document: DEFAULT_POLICY as unknown as Prisma.InputJsonValue,
          note: "The default policy",
        },
      ],
      skipDuplicates: true,
    });
    latest = await tx.policyVersion.findFirstOrThrow({ orderBy: { version: "desc" } });
  }
  return {
    id: latest.id,
    version: latest.version,
    policy: ZPolicy.parse(latest.document) as Policy,
  };
}
