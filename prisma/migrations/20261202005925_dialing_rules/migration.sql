-- CreateEnum
CREATE TYPE "DncSource" AS ENUM ('API', 'IMPORT', 'DISPOSITION');

-- AlterEnum
ALTER TYPE "CampaignStatus" ADD VALUE 'SCHEDULED';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LeadStatus" ADD VALUE 'VOICEMAIL';
ALTER TYPE "LeadStatus" ADD VALUE 'NO_ANSWER';
ALTER TYPE "LeadStatus" ADD VALUE 'BAD_NUMBER';

-- DropIndex
DROP INDEX "CampaignLead_campaignId_state_position_idx";

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "answeringMachine" TEXT NOT NULL DEFAULT 'continue',
ADD COLUMN     "callingWindows" JSONB,
ADD COLUMN     "retryDelaySeconds" INTEGER NOT NULL DEFAULT 3600,
ADD COLUMN     "retryMaxAttempts" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "retryOn" TEXT[] DEFAULT ARRAY['BUSY', 'MISSED']::TEXT[],
ADD COLUMN     "skippedLeads" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "startAt" TIMESTAMP(3),
ADD COLUMN     "tenantHeldAt" TIMESTAMP(3),
ADD COLUMN     "timezone" TEXT,
ADD COLUMN     "voicemailCalls" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "voicemailMessage" TEXT;

-- AlterTable
ALTER TABLE "CampaignLead" ADD COLUMN     "deferrals" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nextEligibleAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "waitReason" TEXT,
ADD COLUMN     "waitZone" TEXT;

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "DncEntry" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "source" "DncSource" NOT NULL DEFAULT 'API',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DncEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DncEntry_userId_createdAt_idx" ON "DncEntry"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DncEntry_userId_phone_key" ON "DncEntry"("userId", "phone");

-- CreateIndex
CREATE INDEX "CampaignLead_campaignId_state_nextEligibleAt_position_idx" ON "CampaignLead"("campaignId", "state", "nextEligibleAt", "position");

-- AddForeignKey
ALTER TABLE "DncEntry" ADD CONSTRAINT "DncEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

