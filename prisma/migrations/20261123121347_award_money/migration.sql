-- CreateEnum
CREATE TYPE "ledger_entry_kind" AS ENUM ('commitment', 'claim_approved', 'payment_instructed', 'payment_confirmed', 'retention_held', 'retention_released', 'variation', 'decommitment', 'recovery_invoiced', 'recovery_received', 'recovery_written_off');

-- AlterTable
ALTER TABLE "award" ADD COLUMN     "completed_at" TIMESTAMPTZ(3),
ADD COLUMN     "financial_year" INTEGER;

-- CreateTable
CREATE TABLE "programme_budget" (
    "programme" TEXT NOT NULL,
    "financial_year" INTEGER NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "programme_budget_pkey" PRIMARY KEY ("programme","financial_year")
);

-- CreateTable
CREATE TABLE "ledger_entry" (
    "id" BIGSERIAL NOT NULL,
    "entry_key" TEXT NOT NULL,
    "award_reference" TEXT NOT NULL,
    "programme" TEXT NOT NULL,
    "financial_year" INTEGER NOT NULL,
    "kind" "ledger_entry_kind" NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "claim_id" TEXT,
    "payment_instruction_id" TEXT,
    "recovery_id" TEXT,
    "actor_id" UUID,
    "note" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bank_account" (
    "organisation_id" UUID NOT NULL,
    "account_name" TEXT NOT NULL,
    "sort_code" TEXT NOT NULL,
    "account_number" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bank_account_pkey" PRIMARY KEY ("organisation_id")
);

-- CreateTable
CREATE TABLE "claim" (
    "id" TEXT NOT NULL,
    "award_reference" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requested_pence" BIGINT NOT NULL,
    "approved_pence" BIGINT,
    "retention_pence" BIGINT,
    "payable_pence" BIGINT,
    "submitted_by_id" UUID NOT NULL,
    "verified_by_id" UUID,
    "approved_by_id" UUID,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "approved_at" TIMESTAMPTZ(3),
    "snapshot" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence_file" (
    "id" UUID NOT NULL,
    "award_reference" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_instruction" (
    "id" TEXT NOT NULL,
    "claim_id" TEXT NOT NULL,
    "award_reference" TEXT NOT NULL,
    "organisation_id" UUID NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "bank_reference" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payment_run_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_instruction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_run" (
    "id" TEXT NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "instruction_count" INTEGER NOT NULL,
    "total_pence" BIGINT NOT NULL,
    "bank_file_csv" TEXT NOT NULL,

    CONSTRAINT "payment_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bank_statement" (
    "id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "imported_by_id" UUID NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bank_statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statement_line" (
    "statement_id" UUID NOT NULL,
    "line_number" INTEGER NOT NULL,
    "value_date" DATE NOT NULL,
    "reference" TEXT NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "match_status" TEXT NOT NULL,
    "payment_instruction_id" TEXT,
    "reconciled_by_id" UUID,
    "reconciled_at" TIMESTAMPTZ(3),
    "note" TEXT,

    CONSTRAINT "statement_line_pkey" PRIMARY KEY ("statement_id","line_number")
);

-- CreateTable
CREATE TABLE "monitoring_return" (
    "award_reference" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "answers" JSONB,
    "submitted_by_id" UUID,
    "submitted_at" TIMESTAMPTZ(3),

    CONSTRAINT "monitoring_return_pkey" PRIMARY KEY ("award_reference","period")
);

-- CreateTable
CREATE TABLE "recovery" (
    "id" TEXT NOT NULL,
    "award_reference" TEXT NOT NULL,
    "breach" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "confirmed_by_id" UUID,
    "invoice_number" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "recovery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "variation" (
    "id" TEXT NOT NULL,
    "award_reference" TEXT NOT NULL,
    "amount_pence" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "approved_by_id" UUID NOT NULL,
    "approved_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "variation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_entry_key_key" ON "ledger_entry"("entry_key");

-- CreateIndex
CREATE INDEX "ledger_entry_award_reference_kind_idx" ON "ledger_entry"("award_reference", "kind");

-- CreateIndex
CREATE INDEX "ledger_entry_programme_financial_year_kind_idx" ON "ledger_entry"("programme", "financial_year", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "claim_award_reference_number_key" ON "claim"("award_reference", "number");

-- CreateIndex
CREATE INDEX "evidence_file_award_reference_idx" ON "evidence_file"("award_reference");

-- CreateIndex
CREATE UNIQUE INDEX "payment_instruction_claim_id_key" ON "payment_instruction"("claim_id");

-- CreateIndex
CREATE UNIQUE INDEX "payment_instruction_bank_reference_key" ON "payment_instruction"("bank_reference");

-- CreateIndex
CREATE INDEX "payment_instruction_status_idx" ON "payment_instruction"("status");

-- CreateIndex
CREATE INDEX "payment_instruction_payment_run_id_idx" ON "payment_instruction"("payment_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "bank_statement_sha256_key" ON "bank_statement"("sha256");

-- CreateIndex
CREATE INDEX "statement_line_payment_instruction_id_idx" ON "statement_line"("payment_instruction_id");

-- CreateIndex
CREATE UNIQUE INDEX "recovery_invoice_number_key" ON "recovery"("invoice_number");

-- CreateIndex
CREATE INDEX "recovery_award_reference_idx" ON "recovery"("award_reference");

-- CreateIndex
CREATE INDEX "variation_award_reference_idx" ON "variation"("award_reference");

-- AddForeignKey
ALTER TABLE "statement_line" ADD CONSTRAINT "statement_line_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "bank_statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: the ledger's invariants, held by the database so no code path can break them.

-- No entry is ever edited or deleted; corrections are new entries.
CREATE FUNCTION "ledger_entry_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "ledger_entry_append_only"
  BEFORE UPDATE OR DELETE ON "ledger_entry"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entry_is_append_only"();

CREATE TRIGGER "ledger_entry_no_truncate"
  BEFORE TRUNCATE ON "ledger_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_entry_is_append_only"();

-- Amounts are positive except variations (signed); payments never exceed what was awarded plus variations
-- less de-commitments; retention is released only once the award is complete. Entries of one award are
-- checked one at a time (the advisory lock), so two payments at once cannot both slip under the limit.
CREATE FUNCTION "ledger_entry_keeps_invariants"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  awarded BIGINT;
  paid BIGINT;
BEGIN
  IF NEW.kind <> 'variation' AND NEW.amount_pence <= 0 THEN
    RAISE EXCEPTION 'ledger entry % must have a positive amount', NEW.entry_key USING ERRCODE = 'check_violation';
  END IF;
  PERFORM pg_advisory_xact_lock(1818583393, hashtext(NEW.award_reference));
  IF NEW.kind = 'payment_instructed' THEN
    SELECT COALESCE(SUM(CASE WHEN kind IN ('commitment', 'variation') THEN amount_pence WHEN kind = 'decommitment' THEN -amount_pence ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN kind = 'payment_instructed' THEN amount_pence ELSE 0 END), 0)
      INTO awarded, paid
      FROM ledger_entry WHERE award_reference = NEW.award_reference;
    IF paid + NEW.amount_pence > awarded THEN
      RAISE EXCEPTION 'payment % would take % beyond its award (% paid of %)', NEW.entry_key, NEW.award_reference, paid, awarded
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW.kind = 'retention_released' AND NOT EXISTS (
    SELECT 1 FROM award WHERE application_reference = NEW.award_reference AND completed_at IS NOT NULL
  ) THEN
    RAISE EXCEPTION 'retention on % can be released only once the award is complete', NEW.award_reference USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "ledger_entry_invariants"
  BEFORE INSERT ON "ledger_entry"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entry_keeps_invariants"();
