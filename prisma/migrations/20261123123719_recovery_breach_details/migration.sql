-- No code wrote recoveries before this migration, so the table is empty and the new NOT NULL columns need no default.
-- AlterTable
ALTER TABLE "recovery" ADD COLUMN     "adjustment_reason" TEXT,
ADD COLUMN     "assessed_pence" BIGINT NOT NULL,
ADD COLUMN     "breach_on" DATE NOT NULL,
ADD COLUMN     "confirmed_at" TIMESTAMPTZ(3),
ADD COLUMN     "paid_pence" BIGINT NOT NULL;
