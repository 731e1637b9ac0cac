-- The word index is filled in bulk a moment after the captures are stored, not by a trigger in the
-- INSERT that stores them. In each batch's INSERT the index cost about 20 µs of the writer thread's
-- 50 per capture (its COMMIT doubled with the segment each batch wrote); filled a few hundred
-- captures at a time it costs about 5. The "search" counter is how far it has come: every capture up
-- to that seq is in "CaptureSearch" or listed in "CaptureSearchUnindexed", and a search scans those
-- after it (lib/store/sqlite/sql.ts), so it still sees every committed capture at once.
-- Deleting a capture still leaves the index in the same statement (the delete trigger stays).
DROP TRIGGER "Capture_search_insert";
INSERT INTO "Counter" ("name", "value") SELECT 'search', COALESCE(MAX("seq"), 0) FROM "Capture";
