-- Text search index (lib/store/dialect.ts): trigram GIN indexes over the very expressions the search
-- and header filter compare, so they only narrow a search down and the scan's conditions still
-- decide every match. Bodies over 16 KiB stay out of the index (INDEXED_BODY_BYTES) and are always
-- scanned. pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Capture_search_text_idx" ON "Capture" USING gin (
  lower("path" || E'\n' || "query") gin_trgm_ops,
  (CASE WHEN "bodySize" <= 16384 THEN lower(encode("body", 'escape')) ELSE '' END) gin_trgm_ops,
  lower("headers"::text) gin_trgm_ops
);

-- The captures a search always scans, for the planner to add to what the trigram index finds.
CREATE INDEX "Capture_unindexed_body_idx" ON "Capture" ("bodySize") WHERE "bodySize" > 16384;
