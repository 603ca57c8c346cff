-- AlterTable
ALTER TABLE "App" ADD COLUMN     "jwks" JSONB;

-- CreateTable
CREATE TABLE "AppProvisioning" (
    "appId" UUID NOT NULL,
    "pendingSince" TIMESTAMPTZ(3),
    "changeSeq" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "claimedUntil" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "syncedVersion" INTEGER,
    "syncedScope" TEXT,
    "syncedAt" TIMESTAMPTZ(3),
    "isRegistered" BOOLEAN NOT NULL DEFAULT false,
    "clientUriEnc" TEXT,
    "accessTokenEnc" TEXT,
    "pendingSecretEnc" TEXT,
    "issuedSecretEnc" TEXT,
    "driftScopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "driftCheckedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AppProvisioning_pkey" PRIMARY KEY ("appId")
);

-- CreateIndex
CREATE INDEX "AppProvisioning_pendingSince_nextAttemptAt_idx" ON "AppProvisioning"("pendingSince", "nextAttemptAt");
