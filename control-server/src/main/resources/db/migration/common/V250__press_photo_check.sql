-- The server's impression check runs after the upload is acknowledged: NULL = photo stored, not checked yet.
-- Photos stored before this column existed were checked on upload.
ALTER TABLE press ADD COLUMN photo_checked_at BIGINT;
UPDATE press SET photo_checked_at = at WHERE photo_stored = 1;
CREATE INDEX press_photo_unchecked ON press (photo_stored, photo_checked_at);
