-- A text search narrowed to one department: one GIN index over (department_id, bigrams), so that the bitmap holds only
-- the department's matching records instead of every record with the word (btree_gin, a contrib module shipped with
-- PostgreSQL). Where the module is not installed the search still works, through archive_record_grams alone.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS btree_gin;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'btree_gin is not available: % (archive searches by department use the plain bigram index)', SQLERRM;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gin') THEN
        CREATE INDEX archive_record_department_grams ON archive_record USING GIN (department_id, search_tsv);
    END IF;
END
$$;
