-- Hand-written instead of the generated table rebuild: adding nullable (or defaulted) columns in
-- place leaves existing rows untouched, so a large capture table is not copied. Existing captures
-- get bodySha256, deliveryId and duplicateOf from lib/store/backfill.ts when the app starts.
-- AlterTable
ALTER TABLE "Capture" ADD COLUMN "deliveryId" TEXT;
ALTER TABLE "Capture" ADD COLUMN "bodySha256" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Capture" ADD COLUMN "duplicateOf" TEXT;

-- CreateIndex
CREATE INDEX "Capture_binId_deliveryId_seq_idx" ON "Capture"("binId", "deliveryId", "seq");
