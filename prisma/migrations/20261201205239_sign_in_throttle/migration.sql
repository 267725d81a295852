-- AlterTable
ALTER TABLE "person" DROP COLUMN "failed_sign_ins",
DROP COLUMN "locked_until";

-- CreateTable
CREATE TABLE "sign_in_throttle" (
    "email" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "last_failed_at" TIMESTAMPTZ(3) NOT NULL,
    "blocked_until" TIMESTAMPTZ(3),

    CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("email","address")
);

-- CreateIndex
CREATE INDEX "sign_in_throttle_last_failed_at_idx" ON "sign_in_throttle"("last_failed_at");
