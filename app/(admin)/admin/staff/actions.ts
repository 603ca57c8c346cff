"use server";
import { getDb } from "@/lib/db";
import { adminAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";
import { createInvitation } from "@/lib/users/invitations";
import { ZInvitation, ZStaffRole } from "@/lib/users/schemas";

export const inviteStaffAction = adminAction(
  ZInvitation.extend({ role: ZStaffRole }),
  async ({ user, input, revalidate }) => {
    const { email } = await createInvitation(getDb(), user, input, domainContext());
    revalidate("/admin/staff");
    // The same answer whether or not the address already has an account (its owner is told).
    return { message: `Invitation sent to ${email}.` };
  },
);
