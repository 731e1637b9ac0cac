-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "replayId" TEXT;

-- CreateTable
CREATE TABLE "Replay" (
    "id" TEXT NOT NULL,
    "binId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "timing" TEXT NOT NULL,
    "speed" DOUBLE PRECISION NOT NULL,
    "state" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Replay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplayResult" (
    "replayId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "captureId" TEXT NOT NULL,
    "scheduledMs" INTEGER NOT NULL,
    "startedMs" INTEGER,
    "status" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER,
    "sentSha256" TEXT,

    CONSTRAINT "ReplayResult_pkey" PRIMARY KEY ("replayId","position")
);

-- CreateIndex
CREATE INDEX "Replay_binId_idx" ON "Replay"("binId");

-- CreateIndex
CREATE INDEX "Replay_state_idx" ON "Replay"("state");

-- AddForeignKey
ALTER TABLE "Replay" ADD CONSTRAINT "Replay_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplayResult" ADD CONSTRAINT "ReplayResult_replayId_fkey" FOREIGN KEY ("replayId") REFERENCES "Replay"("id") ON DELETE CASCADE ON UPDATE CASCADE;
