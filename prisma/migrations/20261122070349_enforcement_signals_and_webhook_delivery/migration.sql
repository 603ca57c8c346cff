-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "previousSecretCiphertext" TEXT,
ADD COLUMN     "previousSecretExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "secretRotatedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "dispatchedAt" TIMESTAMPTZ(3),
ADD COLUMN     "lastAttemptAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "GrantChangeHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,

    CONSTRAINT "GrantChangeHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantChange" (
    "seq" BIGINT NOT NULL,
    "appId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantChange_pkey" PRIMARY KEY ("seq","appId")
);

-- CreateIndex
CREATE INDEX "GrantChange_createdAt_idx" ON "GrantChange"("createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_dispatchedAt_idx" ON "WebhookDelivery"("status", "dispatchedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_createdAt_idx" ON "WebhookDelivery"("createdAt");

-- Grant-change numbers start from zero.
INSERT INTO "GrantChangeHead" ("id", "seq") VALUES (1, 0);
