-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_reviewerId_risk_appId_id_idx" ON "ReviewItem"("campaignId", "reviewerId", "risk", "appId", "id");

-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_reviewerId_scope_id_idx" ON "ReviewItem"("campaignId", "reviewerId", "scope", "id");

-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_reviewerId_appId_scope_id_idx" ON "ReviewItem"("campaignId", "reviewerId", "appId", "scope", "id");

-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_reviewerId_organizationId_scope_id_idx" ON "ReviewItem"("campaignId", "reviewerId", "organizationId", "scope", "id");
