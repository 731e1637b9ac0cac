-- CreateTable
CREATE TABLE "Refusal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "minute" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "bodySize" INTEGER,
    "firstAt" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,
    CONSTRAINT "Refusal_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Refusal_binId_lastAt_idx" ON "Refusal"("binId", "lastAt");

-- CreateIndex
CREATE INDEX "Refusal_lastAt_idx" ON "Refusal"("lastAt");

-- CreateIndex
CREATE UNIQUE INDEX "Refusal_binId_reason_minute_key" ON "Refusal"("binId", "reason", "minute");
