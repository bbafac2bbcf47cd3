-- Full-text search over the records' character bigrams (written by the server as ASCII tokens).
CREATE INDEX archive_record_grams ON archive_record USING GIN (to_tsvector('simple', search_grams));
