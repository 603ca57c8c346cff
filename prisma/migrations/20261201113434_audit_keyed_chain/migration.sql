-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chainVersion" INTEGER NOT NULL DEFAULT 1;

-- DropTable
DROP TABLE "AuditHead";

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "legacyUntil" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("seq")
);
