-- CreateTable
CREATE TABLE "FaultCount" (
    "key" TEXT NOT NULL,
    "binId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "FaultCount_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "FaultCount_binId_idx" ON "FaultCount"("binId");

-- AddForeignKey
ALTER TABLE "FaultCount" ADD CONSTRAINT "FaultCount_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin"("id") ON DELETE CASCADE ON UPDATE CASCADE;
