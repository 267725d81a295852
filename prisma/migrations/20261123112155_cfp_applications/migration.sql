-- AlterTable
ALTER TABLE "person" ADD COLUMN     "manager_id" UUID;

-- CreateTable
CREATE TABLE "application" (
    "reference" TEXT NOT NULL,
    "programme" TEXT NOT NULL DEFAULT 'CFP',
    "policy_version" TEXT NOT NULL,
    "organisation_id" UUID NOT NULL,
    "organisation_name" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "project_title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "case_officer_id" UUID,
    "fast_track" BOOLEAN NOT NULL DEFAULT false,
    "tier" TEXT,
    "requested_pence" BIGINT,
    "awarded_pence" BIGINT,
    "lsoa_code" TEXT,
    "local_authority_code" TEXT,
    "local_authority_name" TEXT,
    "wimd_edition" TEXT,
    "wimd_rank" INTEGER,
    "wimd_decile" INTEGER,
    "stage_due_at" TIMESTAMPTZ(3),
    "clock_paused" BOOLEAN NOT NULL DEFAULT false,
    "sla_breached" BOOLEAN NOT NULL DEFAULT false,
    "applicant_action" TEXT,
    "applicant_due_at" TIMESTAMPTZ(3),
    "snapshot" JSONB NOT NULL,
    "last_event_sequence" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "application_pkey" PRIMARY KEY ("reference")
);

-- CreateTable
CREATE TABLE "case_event" (
    "reference" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" UUID,
    "actor_role" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "summary_cy" TEXT NOT NULL,
    "summary_en" TEXT NOT NULL,
    "request_id" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_event_pkey" PRIMARY KEY ("reference","sequence")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "person_id" UUID,
    "email" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "award" (
    "application_reference" TEXT NOT NULL,
    "organisation_id" UUID NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "conditions" JSONB NOT NULL,
    "policy_version" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "award_pkey" PRIMARY KEY ("application_reference")
);

-- CreateTable
CREATE TABLE "wimd_area" (
    "edition" TEXT NOT NULL,
    "lsoa_code" TEXT NOT NULL,
    "lsoa_name" TEXT NOT NULL,
    "local_authority_code" TEXT NOT NULL,
    "local_authority_name" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "rank" INTEGER NOT NULL,
    "decile" INTEGER NOT NULL,

    CONSTRAINT "wimd_area_pkey" PRIMARY KEY ("edition","lsoa_code")
);

-- CreateTable
CREATE TABLE "idempotent_request" (
    "principal" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER,
    "response_headers" JSONB,
    "response_body" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "idempotent_request_pkey" PRIMARY KEY ("principal","key")
);

-- CreateIndex
CREATE INDEX "application_organisation_id_idx" ON "application"("organisation_id");

-- CreateIndex
CREATE INDEX "application_status_reference_idx" ON "application"("status", "reference");

-- CreateIndex
CREATE INDEX "application_case_officer_id_idx" ON "application"("case_officer_id");

-- CreateIndex
CREATE INDEX "application_local_authority_code_idx" ON "application"("local_authority_code");

-- CreateIndex
CREATE INDEX "application_wimd_decile_idx" ON "application"("wimd_decile");

-- CreateIndex
CREATE INDEX "notification_reference_sequence_idx" ON "notification"("reference", "sequence");

-- CreateIndex
CREATE INDEX "notification_sent_at_idx" ON "notification"("sent_at");

-- CreateIndex
CREATE INDEX "award_organisation_id_accepted_at_idx" ON "award"("organisation_id", "accepted_at");

-- AddForeignKey
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_reference_fkey" FOREIGN KEY ("reference") REFERENCES "application"("reference") ON DELETE RESTRICT ON UPDATE CASCADE;
