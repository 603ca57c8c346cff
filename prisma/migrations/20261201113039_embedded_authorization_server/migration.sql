-- CreateEnum
CREATE TYPE "EndUserKind" AS ENUM ('patient', 'clinician');

-- CreateTable
CREATE TABLE "EndUser" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "kind" "EndUserKind" NOT NULL,
    "fhirUser" TEXT NOT NULL,
    "status" "UserStatus" NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EndUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EndUserPatient" (
    "endUserId" UUID NOT NULL,
    "patientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "EndUserPatient_pkey" PRIMARY KEY ("endUserId","patientId")
);

-- CreateTable
CREATE TABLE "AuthServerRecord" (
    "kind" TEXT NOT NULL,
    "idHash" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "grantHash" TEXT,
    "lookupHash" TEXT,
    "expiresAt" TIMESTAMPTZ(3),
    "consumedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthServerRecord_pkey" PRIMARY KEY ("kind","idHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "EndUser_username_key" ON "EndUser"("username");

-- CreateIndex
CREATE INDEX "AuthServerRecord_grantHash_idx" ON "AuthServerRecord"("grantHash");

-- CreateIndex
CREATE INDEX "AuthServerRecord_kind_lookupHash_idx" ON "AuthServerRecord"("kind", "lookupHash");

-- CreateIndex
CREATE INDEX "AuthServerRecord_expiresAt_idx" ON "AuthServerRecord"("expiresAt");

-- AddForeignKey
ALTER TABLE "EndUserPatient" ADD CONSTRAINT "EndUserPatient_endUserId_fkey" FOREIGN KEY ("endUserId") REFERENCES "EndUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;
