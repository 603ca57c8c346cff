-- CreateEnum
CREATE TYPE "DigestFrequency" AS ENUM ('immediately', 'daily', 'off');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "digestFrequency" "DigestFrequency" NOT NULL DEFAULT 'daily',
ADD COLUMN     "lastDigestAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "App" ADD COLUMN     "approvalAssigneeId" UUID;

-- AlterTable
ALTER TABLE "AppScope" ADD COLUMN     "dueAt" TIMESTAMPTZ(3) NOT NULL DEFAULT (now() + '14 days'::interval),
ADD COLUMN     "escalatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "remindedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "emailedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "SavedQueueFilter" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedQueueFilter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedQueueFilter_userId_name_key" ON "SavedQueueFilter"("userId", "name");

-- CreateIndex
CREATE INDEX "App_approvalAssigneeId_idx" ON "App"("approvalAssigneeId");

-- CreateIndex
CREATE INDEX "AppScope_state_dueAt_id_idx" ON "AppScope"("state", "dueAt", "id");

-- AddForeignKey
ALTER TABLE "App" ADD CONSTRAINT "App_approvalAssigneeId_fkey" FOREIGN KEY ("approvalAssigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedQueueFilter" ADD CONSTRAINT "SavedQueueFilter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Requests already waiting get the old flat target from the day they were made.
UPDATE "AppScope" SET "dueAt" = "createdAt" + interval '14 days' WHERE "state" = 'pending';

-- The approval queue's due-date order (lib/approvals/queue.ts), on pending rows only.
CREATE INDEX "sw_app_scope_queue_due"
  ON "AppScope" ("dueAt", "id")
  WHERE "state" = 'pending';
