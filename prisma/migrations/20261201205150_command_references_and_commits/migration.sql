-- AlterTable: requests claimed before this get a command id of their own, as new ones do.
ALTER TABLE "idempotent_request" ADD COLUMN     "command_id" TEXT NOT NULL DEFAULT gen_random_uuid()::text;
ALTER TABLE "idempotent_request" ALTER COLUMN "command_id" DROP DEFAULT;

-- CreateTable
CREATE TABLE "command_reference" (
    "command_id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "command_reference_pkey" PRIMARY KEY ("command_id")
);

-- CreateTable
CREATE TABLE "command_commit" (
    "command_id" TEXT NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "command_commit_pkey" PRIMARY KEY ("command_id")
);

-- CreateIndex
CREATE INDEX "command_reference_created_at_idx" ON "command_reference"("created_at");

-- CreateIndex
CREATE INDEX "command_commit_created_at_idx" ON "command_commit"("created_at");
