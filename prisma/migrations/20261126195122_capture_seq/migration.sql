-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" BIGINT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Capture" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seq" BIGINT NOT NULL,
    "binId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "body" BLOB NOT NULL,
    "bodySize" INTEGER NOT NULL,
    "contentType" TEXT,
    "remoteAddress" TEXT,
    "httpVersion" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    CONSTRAINT "Capture_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Existing captures take their commit order from their ids (hand-added: Prisma would leave "seq" unset).
INSERT INTO "new_Capture" ("seq", "binId", "body", "bodySize", "contentType", "headers", "httpVersion", "id", "method", "path", "query", "receivedAt", "remoteAddress") SELECT ROW_NUMBER() OVER (ORDER BY "id"), "binId", "body", "bodySize", "contentType", "headers", "httpVersion", "id", "method", "path", "query", "receivedAt", "remoteAddress" FROM "Capture";
DROP TABLE "Capture";
ALTER TABLE "new_Capture" RENAME TO "Capture";
CREATE UNIQUE INDEX "Capture_seq_key" ON "Capture"("seq");
CREATE INDEX "Capture_binId_seq_idx" ON "Capture"("binId", "seq");
INSERT INTO "Counter" ("name", "value") SELECT 'capture', COALESCE(MAX("seq"), 0) FROM "Capture";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
