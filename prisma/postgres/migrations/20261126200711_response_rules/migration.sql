-- AlterTable
ALTER TABLE "Bin" ADD COLUMN     "rules" JSONB,
ADD COLUMN     "rulesSavedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Capture" ADD COLUMN     "response" JSONB,
ADD COLUMN     "responseStatus" INTEGER;
