-- AlterTable
ALTER TABLE "case_event" ADD COLUMN     "status" TEXT;
