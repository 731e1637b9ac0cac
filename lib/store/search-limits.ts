/**
 * Bodies the search indexes hold. Indexing costs about a microsecond per byte, on the event loop
 * for SQLite and in the INSERT for PostgreSQL, so a larger body stays out of them and is always scanned.
 * (The PostgreSQL indexes' definitions in the search_index migration carry the same number.)
 */
export const INDEXED_BODY_BYTES = 16 * 1024;
