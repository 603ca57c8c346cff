"use server";
import { getDb } from "@/lib/db";
import { publicAction } from "@/lib/server/action-client";
import { acceptInvitation } from "@/lib/users/invitations";
import { ZAcceptInvitationForm } from "@/lib/users/schemas";

/** Public: the token in the link is the credential (checked, single-use, expiring). */
export const acceptInvitationAction = publicAction(
  ZAcceptInvitationForm,
  async ({ submitted, ip }) => {
    await acceptInvitation(getDb(), submitted, { ip: await ip() });
    return { message: "Your account is ready." };
  },
);
