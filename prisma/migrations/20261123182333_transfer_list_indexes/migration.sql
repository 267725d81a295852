-- CreateIndex
CREATE INDEX "transfer_stage_reference_idx" ON "transfer"("stage", "reference");

-- CreateIndex
CREATE INDEX "transfer_local_authority_code_reference_idx" ON "transfer"("local_authority_code", "reference");

-- CreateIndex
CREATE INDEX "transfer_stage_due_at_idx" ON "transfer"("stage_due_at");
