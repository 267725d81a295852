-- DropIndex
DROP INDEX "application_case_officer_id_idx";

-- CreateIndex
CREATE INDEX "application_stage_reference_idx" ON "application"("stage", "reference");

-- CreateIndex
CREATE INDEX "application_case_officer_id_updated_at_reference_idx" ON "application"("case_officer_id", "updated_at", "reference");

-- CreateIndex
CREATE INDEX "application_updated_at_reference_idx" ON "application"("updated_at", "reference");
