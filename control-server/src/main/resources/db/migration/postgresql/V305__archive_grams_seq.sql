-- A text search reads the newest matches through the index alone: the bigram GIN index also carries the archive order
-- (entry_seq, btree_gin), so that "matches among the newest N records" is one index condition and only those records'
-- rows are fetched, instead of every match being fetched and sorted to find the newest page (ArchiveSearch, "recent
-- range"). It replaces V302's (department_id, search_tsv) index, which it serves just as well. Where btree_gin is
-- missing, the plain bigram index stays and the search works as before.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gin') THEN
        CREATE INDEX archive_record_grams_seq ON archive_record USING GIN (department_id, search_tsv, entry_seq);
        DROP INDEX IF EXISTS archive_record_department_grams;
    END IF;
END
$$;
