-- AlterTable
ALTER TABLE "Bin" ADD COLUMN "rules" JSONB;
ALTER TABLE "Bin" ADD COLUMN "rulesSavedAt" DATETIME;

-- AlterTable
ALTER TABLE "Capture" ADD COLUMN "response" JSONB;
ALTER TABLE "Capture" ADD COLUMN "responseStatus" INTEGER;
