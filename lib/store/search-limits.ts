/**
 * Bodies the search indexes hold. Indexing costs in proportion to the body (PostgreSQL's in the INSERT
 * that stores a capture, SQLite's a moment after), so a larger body stays out of them and is always
 * scanned. (SQLite's indexNewCaptures and PostgreSQL's search_index indexes carry the same number.)
 */
export const INDEXED_BODY_BYTES = 16 * 1024;
