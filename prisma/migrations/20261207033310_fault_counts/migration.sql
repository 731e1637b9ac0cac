-- CreateTable
CREATE TABLE "FaultCount" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "FaultCount_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FaultCount_binId_idx" ON "FaultCount"("binId");
