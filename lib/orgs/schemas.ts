import { z } from "zod";

export const ZUserId = z.object({ userId: z.uuid("That member was not found.") });
export const ZInvitationId = z.object({ invitationId: z.uuid("That invitation was not found.") });
