"use server";
import { getDb } from "@/lib/db";
import { ZInvitationId, ZUserId } from "@/lib/orgs/schemas";
import { removeMember, revokeInvitation } from "@/lib/orgs/service";
import { partnerAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";
import { createInvitation } from "@/lib/users/invitations";
import { ZInvitation } from "@/lib/users/schemas";

export const inviteTeammateAction = partnerAction(
  ZInvitation.pick({ email: true }),
  async ({ user, input, revalidate }) => {
    const { email } = await createInvitation(
      getDb(),
      user,
      { email: input.email, role: "partner" },
      domainContext(),
    );
    revalidate("/organisation");
    // The same answer whether or not the address already has an account (its owner is told).
    return { message: `Invitation sent to ${email}.` };
  },
);

export const removeMemberAction = partnerAction(ZUserId, async ({ user, input, revalidate }) => {
  await removeMember(getDb(), user, input);
  revalidate("/organisation");
  return { message: "Member removed. They can no longer sign in." };
});

export const revokeInvitationAction = partnerAction(
  ZInvitationId,
  async ({ user, input, revalidate }) => {
    await revokeInvitation(getDb(), user, input);
    revalidate("/organisation");
    return { message: "Invitation withdrawn." };
  },
);
