-- When the server learned that the device accepted an unlock (its first ACCEPTED answer): approval-to-device latency.
ALTER TABLE device_command ADD COLUMN accepted_at BIGINT;
