//! Full-text search (SQLite FTS5) over articles and statements, and the
//! filter shared by the query commands (issue #9).
