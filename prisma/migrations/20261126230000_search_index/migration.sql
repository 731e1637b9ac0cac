-- Text search index (lib/store/search-index.ts): a trigram index of each capture's path, query and
-- body, and of its headers. Indexing costs far more than storing a capture, so the capture path does
-- not do it: the store indexes committed captures in idle time, up to the "search" counter, and a
-- search scans what lies above it. The index only narrows a search down; the scan's own conditions
-- still decide every match, so results are those of the scan.
-- A later migration that rebuilds the "Capture" table must recreate the trigger below.
CREATE VIRTUAL TABLE "CaptureSearch" USING fts5("text", "headers", content='', contentless_delete=1, tokenize='trigram case_sensitive 0');

-- Indexed captures that were deleted, for the indexer to remove from the index in idle time:
-- removing from a trigram index costs too much to do while a bin is pruned or deleted.
CREATE TABLE "CaptureSearchGone" ("seq" INTEGER NOT NULL PRIMARY KEY);

-- Indexed captures whose body was too large to index (INDEXED_BODY_BYTES): a search always scans them.
CREATE TABLE "CaptureSearchUnindexed" ("seq" INTEGER NOT NULL PRIMARY KEY);

CREATE TRIGGER "Capture_search_gone" AFTER DELETE ON "Capture"
WHEN OLD."seq" <= (SELECT "value" FROM "Counter" WHERE "name" = 'search')
BEGIN
  INSERT OR IGNORE INTO "CaptureSearchGone" ("seq") VALUES (OLD."seq");
END;

INSERT INTO "Counter" ("name", "value") VALUES ('search', 0);
