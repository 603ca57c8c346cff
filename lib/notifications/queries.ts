// Reads of the mail outbox (the development outbox page).
import type { Db } from "../database/client";

/** The newest messages the portal sent or will send. */
export async function findRecentEmails(db: Db, take = 100) {
  return db.emailMessage.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
}
