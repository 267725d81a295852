-- DropForeignKey
ALTER TABLE "case_event" DROP CONSTRAINT "case_event_reference_fkey";

-- CreateTable
CREATE TABLE "asset" (
    "id" UUID NOT NULL,
    "owner_organisation_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "postcode" TEXT,
    "uprn" TEXT,
    "kind" TEXT NOT NULL,
    "current_use" TEXT NOT NULL,
    "condition_notes" TEXT,
    "open_space" BOOLEAN NOT NULL,
    "availability" TEXT NOT NULL,
    "lsoa_code" TEXT,
    "local_authority_code" TEXT,
    "local_authority_name" TEXT,
    "wimd_edition" TEXT,
    "wimd_rank" INTEGER,
    "wimd_decile" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "asset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transfer" (
    "reference" TEXT NOT NULL,
    "process_version" TEXT NOT NULL,
    "owner_organisation_id" UUID NOT NULL,
    "owner_name" TEXT NOT NULL,
    "organisation_id" UUID NOT NULL,
    "organisation_name" TEXT NOT NULL,
    "asset_id" UUID NOT NULL,
    "asset_name" TEXT NOT NULL,
    "open_space" BOOLEAN NOT NULL,
    "local_authority_code" TEXT,
    "wimd_decile" INTEGER,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "case_officer_id" UUID,
    "undervalue_pence" BIGINT,
    "needs_consent" BOOLEAN NOT NULL DEFAULT false,
    "tenure_kind" TEXT,
    "tenure_years" INTEGER,
    "stage_due_at" TIMESTAMPTZ(3),
    "sla_breached" BOOLEAN NOT NULL DEFAULT false,
    "group_action" TEXT,
    "group_due_at" TIMESTAMPTZ(3),
    "linked_applications" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "completed_at" TIMESTAMPTZ(3),
    "snapshot" JSONB NOT NULL,
    "last_event_sequence" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "transfer_pkey" PRIMARY KEY ("reference")
);

-- CreateIndex
CREATE INDEX "asset_owner_organisation_id_name_idx" ON "asset"("owner_organisation_id", "name");

-- CreateIndex
CREATE INDEX "asset_availability_name_idx" ON "asset"("availability", "name");

-- CreateIndex
CREATE INDEX "asset_local_authority_code_idx" ON "asset"("local_authority_code");

-- CreateIndex
CREATE INDEX "transfer_organisation_id_idx" ON "transfer"("organisation_id");

-- CreateIndex
CREATE INDEX "transfer_owner_organisation_id_status_idx" ON "transfer"("owner_organisation_id", "status");

-- CreateIndex
CREATE INDEX "transfer_status_reference_idx" ON "transfer"("status", "reference");

-- CreateIndex
CREATE INDEX "transfer_asset_id_idx" ON "transfer"("asset_id");

-- CreateIndex
CREATE INDEX "transfer_case_officer_id_idx" ON "transfer"("case_officer_id");
