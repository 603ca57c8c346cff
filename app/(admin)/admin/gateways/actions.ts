"use server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { checkDrift, MAX_DRIFT_FILE_BYTES } from "@/lib/enforcement/export-service";
import { ZApiKeyId, ZCreateApiKey } from "@/lib/enforcement/schemas";
import { createApiKey, revokeApiKey } from "@/lib/enforcement/service";
import { adminAction } from "@/lib/server/action-client";

export const createApiKeyAction = adminAction(
  ZCreateApiKey,
  async ({ user, input, revalidate }) => {
    const { name, key } = await createApiKey(getDb(), user, input);
    revalidate("/admin/gateways");
    return { message: `Key "${name}" created. Copy it now: it is shown only once.`, data: { key } };
  },
);

export const revokeApiKeyAction = adminAction(ZApiKeyId, async ({ user, input, revalidate }) => {
  await revokeApiKey(getDb(), user, input);
  revalidate("/admin/gateways");
  return { message: "The key is revoked: gateways using it get 401 within a second." };
});

const CHOOSE_FILE = "Choose a JSON file to compare.";
const ZDriftUpload = z.object({
  file: z
    .instanceof(File, { error: CHOOSE_FILE })
    .nullable()
    .refine((file) => file !== null && file.size > 0, CHOOSE_FILE)
    .refine((file) => !file || file.size <= MAX_DRIFT_FILE_BYTES, "The file is larger than 5 MB."),
});

export const checkDriftAction = adminAction(ZDriftUpload, async ({ user, input }) => {
  const file = input.file!;
  const report = await checkDrift(getDb(), user, { name: file.name, text: await file.text() });
  const drifting = report.clients.length;
  return {
    message:
      drifting === 0 && report.unknownClients.length === 0
        ? `No drift: ${report.inSyncCount} client(s) match.`
        : `${drifting} client(s) drift; ${report.inSyncCount} match.`,
    data: { report },
  };
});
