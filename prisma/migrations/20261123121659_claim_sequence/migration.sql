-- AlterTable
ALTER TABLE "claim" ADD COLUMN     "last_sequence" INTEGER NOT NULL DEFAULT 0;
