-- Text search index (lib/store/dialect.ts): trigram GIN indexes over the very expressions the search
-- and header filter compare, so they only narrow a search down and the scan's conditions still
-- decide every match. pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Capture_search_text_idx" ON "Capture" USING gin (
  lower("path" || E'\n' || "query") gin_trgm_ops,
  lower(encode("body", 'escape')) gin_trgm_ops,
  lower("headers"::text) gin_trgm_ops
);
