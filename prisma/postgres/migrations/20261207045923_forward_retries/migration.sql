-- AlterTable
ALTER TABLE "Bin" ADD COLUMN     "forwardMode" TEXT NOT NULL DEFAULT 'async',
ADD COLUMN     "forwardTimeoutMs" INTEGER NOT NULL DEFAULT 10000;

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "forwardTry" INTEGER;

-- CreateTable
CREATE TABLE "ForwardRetry" (
    "captureId" TEXT NOT NULL,
    "binId" TEXT NOT NULL,
    "nextTry" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "takenUntil" TIMESTAMP(3),

    CONSTRAINT "ForwardRetry_pkey" PRIMARY KEY ("captureId")
);

-- CreateIndex
CREATE INDEX "ForwardRetry_dueAt_idx" ON "ForwardRetry"("dueAt");

-- AddForeignKey
ALTER TABLE "ForwardRetry" ADD CONSTRAINT "ForwardRetry_captureId_fkey" FOREIGN KEY ("captureId") REFERENCES "Capture"("id") ON DELETE CASCADE ON UPDATE CASCADE;
