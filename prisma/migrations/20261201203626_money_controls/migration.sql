-- AlterTable
ALTER TABLE "bank_account" ADD COLUMN     "changed_by_id" UUID,
ADD COLUMN     "verification_method" TEXT,
ADD COLUMN     "verification_note" TEXT,
ADD COLUMN     "verified_at" TIMESTAMPTZ(3),
ADD COLUMN     "verified_by_id" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "recovery" ADD COLUMN     "reduction_approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "reduction_approved_by_id" UUID,
ADD COLUMN     "reduction_proposed_at" TIMESTAMPTZ(3),
ADD COLUMN     "reduction_proposed_by_id" UUID,
ADD COLUMN     "reduction_proposed_pence" BIGINT,
ADD COLUMN     "reduction_reason" TEXT;

-- AlterTable
ALTER TABLE "variation" ADD COLUMN     "confirmed_at" TIMESTAMPTZ(3),
ADD COLUMN     "confirmed_by_id" UUID,
ADD COLUMN     "override_budget" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'effective';
