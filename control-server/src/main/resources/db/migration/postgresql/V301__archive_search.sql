-- Full-text search over the records' character bigrams (written by the server as ASCII tokens), kept as a stored
-- tsvector so that a filter on it costs no parsing per row.
ALTER TABLE archive_record ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_grams)) STORED;
CREATE INDEX archive_record_grams ON archive_record USING GIN (search_tsv);
