-- AlterEnum
ALTER TYPE "ReviewScopeFilter" ADD VALUE 'unused';

-- AlterTable
ALTER TABLE "AppScope" ADD COLUMN     "expiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "expiryRemindedDays" INTEGER,
ADD COLUMN     "renewalRequestedAt" TIMESTAMPTZ(3),
ADD COLUMN     "requestedExpiresAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "GrantUsageDay" (
    "appScopeId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL,
    "lastUsedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GrantUsageDay_pkey" PRIMARY KEY ("appScopeId","day")
);

-- CreateTable
CREATE TABLE "DeniedDecisionDay" (
    "appId" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL,
    "lastDeniedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DeniedDecisionDay_pkey" PRIMARY KEY ("appId","scope","day")
);

-- CreateTable
CREATE TABLE "AppKeyCheck" (
    "appId" UUID NOT NULL,
    "checkedAt" TIMESTAMPTZ(3) NOT NULL,
    "isAnswered" BOOLEAN NOT NULL,
    "keys" JSONB NOT NULL,
    "problems" JSONB NOT NULL,
    "announced" TEXT[],

    CONSTRAINT "AppKeyCheck_pkey" PRIMARY KEY ("appId")
);

-- CreateTable
CREATE TABLE "AppKeySeen" (
    "appId" UUID NOT NULL,
    "thumbprint" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AppKeySeen_pkey" PRIMARY KEY ("appId","thumbprint")
);

-- CreateIndex
CREATE INDEX "GrantUsageDay_day_idx" ON "GrantUsageDay"("day");

-- CreateIndex
CREATE INDEX "DeniedDecisionDay_day_idx" ON "DeniedDecisionDay"("day");

-- CreateIndex
CREATE INDEX "AppScope_state_expiresAt_idx" ON "AppScope"("state", "expiresAt");
