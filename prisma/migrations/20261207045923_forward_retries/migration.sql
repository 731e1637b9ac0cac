-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "forwardTry" INTEGER;

-- CreateTable
CREATE TABLE "ForwardRetry" (
    "captureId" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "nextTry" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "takenUntil" DATETIME,
    CONSTRAINT "ForwardRetry_captureId_fkey" FOREIGN KEY ("captureId") REFERENCES "Capture" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Bin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "viewTokenHash" TEXT,
    "response" JSONB,
    "forwardUrl" TEXT,
    "forwardEnabled" BOOLEAN NOT NULL DEFAULT false,
    "forwardMode" TEXT NOT NULL DEFAULT 'async',
    "forwardTimeoutMs" INTEGER NOT NULL DEFAULT 10000,
    "rules" JSONB,
    "rulesSavedAt" DATETIME
);
INSERT INTO "new_Bin" ("createdAt", "forwardEnabled", "forwardUrl", "id", "name", "response", "rules", "rulesSavedAt", "viewTokenHash") SELECT "createdAt", "forwardEnabled", "forwardUrl", "id", "name", "response", "rules", "rulesSavedAt", "viewTokenHash" FROM "Bin";
DROP TABLE "Bin";
ALTER TABLE "new_Bin" RENAME TO "Bin";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ForwardRetry_dueAt_idx" ON "ForwardRetry"("dueAt");
