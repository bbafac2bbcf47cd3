-- Full-text search over the records' character bigrams (written by the server as ASCII tokens); rowid = entry_seq.
CREATE VIRTUAL TABLE archive_fts USING fts5(grams, content='', detail='none');
