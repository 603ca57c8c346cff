-- AlterEnum
ALTER TYPE "EmailStatus" ADD VALUE 'sending' BEFORE 'sent';

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "claimedAt" TIMESTAMPTZ(3);
