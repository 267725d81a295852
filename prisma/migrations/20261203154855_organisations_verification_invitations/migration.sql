-- AlterTable
ALTER TABLE "organisation" ADD COLUMN     "address" TEXT,
ADD COLUMN     "mutuals_number" TEXT,
ADD COLUMN     "postcode" TEXT,
ADD COLUMN     "verification_note" TEXT,
ADD COLUMN     "verification_reference" TEXT,
ADD COLUMN     "verification_register" TEXT,
ADD COLUMN     "verified_at" TIMESTAMPTZ(3),
ADD COLUMN     "verified_by_id" UUID;

-- CreateTable
CREATE TABLE "invitation" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "role" NOT NULL,
    "adviser_organisation_id" UUID,
    "language" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_id" UUID,
    "grant_id" UUID,
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitation_token_hash_key" ON "invitation"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "invitation_grant_id_key" ON "invitation"("grant_id");

-- CreateIndex
CREATE INDEX "invitation_organisation_id_idx" ON "invitation"("organisation_id");

-- CreateIndex
CREATE INDEX "organisation_charity_number_idx" ON "organisation"("charity_number");

-- CreateIndex
CREATE INDEX "organisation_company_number_idx" ON "organisation"("company_number");

-- CreateIndex
CREATE INDEX "organisation_mutuals_number_idx" ON "organisation"("mutuals_number");

-- AddForeignKey
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "role_grant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Organisations made before verification existed were set up by administrators (or the development seed),
-- not registered by the public: they count as verified, so their cases go on as before.
UPDATE "organisation" SET "verified_at" = "created_at", "verification_register" = 'none',
  "verification_note" = 'Set up before organisations were verified'
WHERE "verified_at" IS NULL;
