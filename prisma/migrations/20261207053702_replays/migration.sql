-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "replayId" TEXT;

-- CreateTable
CREATE TABLE "Replay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "timing" TEXT NOT NULL,
    "speed" REAL NOT NULL,
    "state" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "Replay_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

    PRIMARY KEY ("replayId", "position"),
    CONSTRAINT "ReplayResult_replayId_fkey" FOREIGN KEY ("replayId") REFERENCES "Replay" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Replay_binId_idx" ON "Replay"("binId");

-- CreateIndex
CREATE INDEX "Replay_state_idx" ON "Replay"("state");
