-- AlterTable
ALTER TABLE "person" ADD COLUMN     "email_confirmed_at" TIMESTAMPTZ(3);

-- Everyone who has an account already was given it by someone who knew their address: confirmed.
UPDATE "person" SET "email_confirmed_at" = "created_at";

-- CreateTable
CREATE TABLE "account_token" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "person_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "next_path" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "account_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_token_token_hash_key" ON "account_token"("token_hash");

-- CreateIndex
CREATE INDEX "account_token_person_id_purpose_idx" ON "account_token"("person_id", "purpose");

-- AddForeignKey
ALTER TABLE "account_token" ADD CONSTRAINT "account_token_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
