-- AlterTable
ALTER TABLE "Capture" ADD COLUMN     "bodySha256" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "deliveryId" TEXT,
ADD COLUMN     "duplicateOf" TEXT;

-- CreateIndex
CREATE INDEX "Capture_binId_deliveryId_seq_idx" ON "Capture"("binId", "deliveryId", "seq");
