/**
 * Bodies the search indexes hold. Both databases index in the INSERT that stores a capture, at a cost
 * that grows with the body, so a larger body stays out of them and is always scanned. (SQLite's
 * search_words triggers and PostgreSQL's search_index indexes carry the same number.)
 */
export const INDEXED_BODY_BYTES = 16 * 1024;
