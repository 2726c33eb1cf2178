-- Issue 11: agents' voice runtimes and the end-of-call reports they send.

-- CreateEnum
CREATE TYPE "Sentiment" AS ENUM ('positive', 'neutral', 'negative', 'mixed');

-- CreateEnum
CREATE TYPE "SentimentSource" AS ENUM ('reported', 'computed');

-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "voiceRuntimeUrl" TEXT;

-- CreateTable
-- "searchVector" is maintained by Postgres itself: the summary weighs more than the transcript, and only the
-- first 100,000 characters of each are indexed, because a tsvector must stay under 1 MB whatever a 1 MB
-- report holds (100,000 characters is over an hour of conversation).
CREATE TABLE "CallReport" (
    "callId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "campaignId" TEXT,
    "transcript" JSONB NOT NULL,
    "transcriptText" TEXT NOT NULL,
    "summary" TEXT,
    "sentiment" "Sentiment" NOT NULL,
    "sentimentSource" "SentimentSource" NOT NULL,
    "sentimentScore" DOUBLE PRECISION,
    "successful" BOOLEAN,
    "data" JSONB,
    "revisions" INTEGER NOT NULL DEFAULT 1,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "searchVector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, left(coalesce("summary", ''), 100000)), 'A')
        || setweight(to_tsvector('english'::regconfig, left("transcriptText", 100000)), 'B')
    ) STORED,

    CONSTRAINT "CallReport_pkey" PRIMARY KEY ("callId")
);

-- CreateIndex
CREATE INDEX "CallReport_userId_receivedAt_idx" ON "CallReport"("userId", "receivedAt");

-- CreateIndex
CREATE INDEX "CallReport_campaignId_idx" ON "CallReport"("campaignId");

-- CreateIndex
CREATE INDEX "CallReport_searchVector_idx" ON "CallReport" USING GIN ("searchVector");

-- AddForeignKey
ALTER TABLE "CallReport" ADD CONSTRAINT "CallReport_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallReport" ADD CONSTRAINT "CallReport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
