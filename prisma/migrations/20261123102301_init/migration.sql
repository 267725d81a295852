-- CreateTable
CREATE TABLE "enquiry" (
    "reference" TEXT NOT NULL,
    "organisation_name" TEXT NOT NULL,
    "contact_email" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "request_id" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),

    CONSTRAINT "enquiry_pkey" PRIMARY KEY ("reference")
);

-- CreateTable
CREATE TABLE "reference_counter" (
    "prefix" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "reference_counter_pkey" PRIMARY KEY ("prefix","year")
);

-- CreateIndex
CREATE INDEX "enquiry_status_received_at_idx" ON "enquiry"("status", "received_at");
