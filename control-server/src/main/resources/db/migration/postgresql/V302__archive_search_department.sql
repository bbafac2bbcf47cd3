-- Text search narrowed to a department: one GIN index over (department_id, bigrams) (btree_gin, a contrib module shipped
-- with PostgreSQL), so that the bitmap holds only the department's matching records instead of every record with the
-- word. A multicolumn GIN index serves a condition on either column alone just as well, so it replaces the plain bigram
-- index (the planner, misjudging how often bigrams occur together, would otherwise keep choosing the plain one). Where the
-- module is not available, the plain index stays and the search works as before.
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
        DROP INDEX archive_record_grams;
    END IF;
END
$$;
