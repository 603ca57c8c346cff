// What the sign-in and consent pages show for one authorization in progress, read from the
// provider's stored Interaction (the front server has already checked the browser's cookie).
import { z } from "zod";
import type { Tx } from "../database/client";
import { parseScopes, splitScopeString, type ParsedScope } from "../scopes";
import { findEndUserAccount, type EndUserAccount } from "./accounts";
import { findRecordPayload } from "./records";

const ZInteraction = z.object({
  prompt: z.object({ name: z.string() }),
  params: z.object({ client_id: z.string(), scope: z.string().optional() }),
  session: z.object({ accountId: z.string().optional() }).optional(),
});
const ZClient = z.object({ client_name: z.string().optional(), policy_uri: z.string().optional() });

export type InteractionView = {
  uid: string;
  app: { name: string; policyUri: string | null };
} & (
  | { prompt: "login" }
  | {
      prompt: "consent";
      account: EndUserAccount;
      /** Clinical, identity and launch scopes the app asked for, parsed for the plain-words list. */
      scopes: ParsedScope[];
      needsPatient: boolean;
    }
);

export async function findInteractionView(db: Tx, uid: string): Promise<InteractionView | null> {
  const interaction = ZInteraction.safeParse(await findRecordPayload(db, "Interaction", uid));
  if (!interaction.success) return null;
  const { prompt, params, session } = interaction.data;
  const client = ZClient.safeParse(await findRecordPayload(db, "Client", params.client_id));
  const app = {
    name: (client.success && client.data.client_name) || params.client_id,
    policyUri: (client.success && client.data.policy_uri) || null,
  };
  if (prompt.name === "login") return { uid, app, prompt: "login" };
  if (prompt.name !== "consent") return null;
  const account = await findEndUserAccount(db, session?.accountId ?? "");
  if (!account) return null;
  const requested = splitScopeString(params.scope ?? "");
  return {
    uid,
    app,
    prompt: "consent",
    account,
    scopes: parseScopes(requested.join(" ")),
    needsPatient: requested.includes("launch/patient"),
  };
}
