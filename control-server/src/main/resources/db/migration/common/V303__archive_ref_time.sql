-- A seal or device filter with a time range is served by the reference alone: each reference carries its record's
-- archiving time, so that a page of one seal's records in a month is one index range read newest first, instead of a
-- walk over every record of the month probing each for the seal.
ALTER TABLE archive_ref ADD COLUMN archived_at BIGINT;
UPDATE archive_ref SET archived_at = (SELECT r.archived_at FROM archive_record r WHERE r.entry_seq = archive_ref.entry_seq);
CREATE INDEX archive_ref_time ON archive_ref (kind, ref_id, archived_at, entry_seq);
