-- CreateIndex
CREATE INDEX "Call_campaignId_createdAt_id_idx" ON "Call"("campaignId", "createdAt", "id");
