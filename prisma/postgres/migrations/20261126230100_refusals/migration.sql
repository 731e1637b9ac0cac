-- CreateTable
CREATE TABLE "Refusal" (
    "id" TEXT NOT NULL,
    "binId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "bodySize" INTEGER,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Refusal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Refusal_binId_lastAt_idx" ON "Refusal"("binId", "lastAt");

-- CreateIndex
CREATE INDEX "Refusal_lastAt_idx" ON "Refusal"("lastAt");

-- CreateIndex
CREATE UNIQUE INDEX "Refusal_binId_reason_minute_key" ON "Refusal"("binId", "reason", "minute");

-- AddForeignKey
ALTER TABLE "Refusal" ADD CONSTRAINT "Refusal_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin"("id") ON DELETE CASCADE ON UPDATE CASCADE;
