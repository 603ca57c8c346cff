"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { checkDrift, MAX_DRIFT_FILE_BYTES } from "@/lib/enforcement/export-service";
import { createApiKey, revokeApiKey } from "@/lib/enforcement/service";
import { formValues, runAction, type ActionState } from "@/lib/server/action";

export async function createApiKeyAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const values = formValues(formData);
  return runAction(values, async () => {
    const admin = await requireUser(["admin"]);
    const { name, key } = await createApiKey(getDb(), admin, values);
    revalidatePath("/admin/gateways");
    return {
      status: "success",
      message: `Key "${name}" created. Copy it now: it is shown only once.`,
      data: { key },
    };
  });
}

export async function revokeApiKeyAction(id: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    await revokeApiKey(getDb(), admin, { id });
    revalidatePath("/admin/gateways");
    return {
      status: "success",
      message: "The key is revoked: gateways using it get 401 within a second.",
    };
  });
}

export async function checkDriftAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0)
      throw new AppError("INVALID_INPUT", "Choose a JSON file to compare.", {
        file: ["Choose a JSON file to compare."],
      });
    if (file.size > MAX_DRIFT_FILE_BYTES)
      throw new AppError("INVALID_INPUT", "The file is larger than 5 MB.", {
        file: ["The file is larger than 5 MB."],
      });
    const report = await checkDrift(getDb(), admin, { name: file.name, text: await file.text() });
    const drifting = report.clients.length;
    return {
      status: "success",
      message:
        drifting === 0 && report.unknownClients.length === 0
          ? `No drift: ${report.inSyncCount} client(s) match.`
          : `${drifting} client(s) drift; ${report.inSyncCount} match.`,
      data: { report },
    };
  });
}
