-- A text search narrowed to a department checks each bigram match's department in this index before it reads the
-- record's row: only the department's matches are read, instead of every match of the word (ArchiveSearch).
CREATE INDEX archive_record_seq_department ON archive_record (entry_seq, department_id);
