-- DropIndex
DROP INDEX "Organization_createdAt_idx";

-- DropIndex
DROP INDEX "App_status_idx";

-- CreateIndex
CREATE INDEX "Organization_name_id_idx" ON "Organization"("name", "id");

-- CreateIndex
CREATE INDEX "Organization_createdAt_id_idx" ON "Organization"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Organization_status_name_id_idx" ON "Organization"("status", "name", "id");

-- CreateIndex
CREATE INDEX "App_name_id_idx" ON "App"("name", "id");

-- CreateIndex
CREATE INDEX "App_createdAt_id_idx" ON "App"("createdAt", "id");

-- CreateIndex
CREATE INDEX "App_status_name_id_idx" ON "App"("status", "name", "id");

-- CreateIndex
CREATE INDEX "App_appType_name_id_idx" ON "App"("appType", "name", "id");

-- CreateIndex
CREATE INDEX "App_organizationId_name_id_idx" ON "App"("organizationId", "name", "id");
