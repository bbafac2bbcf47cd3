-- A text search narrowed to a department first reads that department's newest records in archive order (ArchiveSearch,
-- "newest window"): one index range read backwards that stops at the page, instead of fetching every match and sorting.
CREATE INDEX archive_record_department_seq ON archive_record (department_id, entry_seq);
