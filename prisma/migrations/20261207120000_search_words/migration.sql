-- Text search kept up by the INSERT itself. The trigram index before this one cost more to build
-- than a capture costs to store (about a microsecond per byte), so it was built in idle time and a
-- search during or just after a flood scanned the unindexed tail. This index holds words instead
-- (runs of ASCII letters and digits, and of non-ASCII bytes; ASCII case folded): a tenth of the cost,
-- so triggers maintain it in the same statement that stores or deletes a capture, and a search sees
-- every committed capture at once. A search uses it when its text holds a whole word, or ends with
-- the start of one (lib/store/sqlite/search-words.ts); otherwise it scans. The index only narrows a
-- search down; the scan's own conditions still decide every match.
-- A later migration that rebuilds the "Capture" table must recreate the triggers below.
DROP TRIGGER "Capture_search_gone";
DROP TABLE "CaptureSearch";
DROP TABLE "CaptureSearchGone";
DELETE FROM "Counter" WHERE "name" = 'search';

CREATE VIRTUAL TABLE "CaptureSearch" USING fts5("text", "headers", content='', contentless_delete=1, detail=column, tokenize='ascii');

-- Bodies over 16 KiB (INDEXED_BODY_BYTES) are left out of the index, as before, and listed for searches to scan.
INSERT INTO "CaptureSearch" ("rowid", "text", "headers")
  SELECT "seq", "path" || char(10) || "query" || char(10) || (CASE WHEN "bodySize" <= 16384 THEN CAST("body" AS TEXT) ELSE '' END), "headers" FROM "Capture";
DELETE FROM "CaptureSearchUnindexed";
INSERT INTO "CaptureSearchUnindexed" ("seq") SELECT "seq" FROM "Capture" WHERE "bodySize" > 16384;

CREATE TRIGGER "Capture_search_insert" AFTER INSERT ON "Capture"
BEGIN
  INSERT INTO "CaptureSearch" ("rowid", "text", "headers")
    VALUES (NEW."seq", NEW."path" || char(10) || NEW."query" || char(10) || (CASE WHEN NEW."bodySize" <= 16384 THEN CAST(NEW."body" AS TEXT) ELSE '' END), NEW."headers");
  INSERT INTO "CaptureSearchUnindexed" ("seq") SELECT NEW."seq" WHERE NEW."bodySize" > 16384;
END;

CREATE TRIGGER "Capture_search_delete" AFTER DELETE ON "Capture"
BEGIN
  DELETE FROM "CaptureSearch" WHERE "rowid" = OLD."seq";
  DELETE FROM "CaptureSearchUnindexed" WHERE "seq" = OLD."seq";
END;
