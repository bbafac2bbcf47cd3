-- A CHAIN_BROKEN flag raised because events were missing records the missing seqs (gap_from..gap_to). When every one
-- of them arrives later (cmd/resend, late redelivery) and links to its neighbours, the flag is resolved: it stays in
-- the device's history with resolved_at and the resolution, and is no longer an open anomaly.
ALTER TABLE evidence_anomaly ADD COLUMN gap_from BIGINT;
ALTER TABLE evidence_anomaly ADD COLUMN gap_to BIGINT;
ALTER TABLE evidence_anomaly ADD COLUMN resolved_at BIGINT;
ALTER TABLE evidence_anomaly ADD COLUMN resolution TEXT;
CREATE INDEX evidence_anomaly_open_gaps ON evidence_anomaly (device_id, gap_to) WHERE resolved_at IS NULL AND gap_from IS NOT NULL;
