"use server";
import { getDb } from "@/lib/db";
import { adminAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";
import { createInvitation } from "@/lib/users/invitations";
import { ZInvitation, ZStaffRole } from "@/lib/users/schemas";

export const inviteStaffAction = adminAction(
  ZInvitation.extend({ role: ZStaffRole }),
  async ({ user, input, revalidate }) => {
    const { invitation, link } = await createInvitation(getDb(), user, input, domainContext());
    revalidate("/admin/staff");
    return { message: `Invitation sent to ${invitation.email}.`, data: { link } };
  },
);
