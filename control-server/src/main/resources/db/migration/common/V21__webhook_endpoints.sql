-- notify: webhook endpoints admins configure. event_types: space-separated names, or '*' for every event.
-- secret: the HMAC-SHA256 key of the SealFlow-Signature header (it must be readable to sign, so it is stored).
CREATE TABLE webhook_endpoints (
    id          TEXT PRIMARY KEY,
    url         TEXT    NOT NULL,
    secret      TEXT    NOT NULL,
    event_types TEXT    NOT NULL,
    description TEXT,
    active      INTEGER NOT NULL DEFAULT 1,
    created_by  TEXT,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
