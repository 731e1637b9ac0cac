-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Replay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "timing" TEXT NOT NULL,
    "speed" REAL NOT NULL,
    "state" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Replay_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Replay" ("binId", "finishedAt", "id", "speed", "startedAt", "state", "timing", "total", "url") SELECT "binId", "finishedAt", "id", "speed", "startedAt", "state", "timing", "total", "url" FROM "Replay";
DROP TABLE "Replay";
ALTER TABLE "new_Replay" RENAME TO "Replay";
CREATE INDEX "Replay_binId_idx" ON "Replay"("binId");
CREATE INDEX "Replay_state_idx" ON "Replay"("state");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
