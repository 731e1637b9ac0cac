-- AlterTable
ALTER TABLE "Bin" ADD COLUMN "manageKeyHash" TEXT;
