-- Device events, presses, photos and anomaly flags (evidence module).
CREATE TABLE device_event (
    event_id        TEXT PRIMARY KEY,
    device_id       TEXT NOT NULL,
    seq             BIGINT NOT NULL,
    type            TEXT NOT NULL,
    at              BIGINT NOT NULL,
    monotonic_ms    BIGINT NOT NULL,
    received_at     BIGINT NOT NULL,
    body            TEXT NOT NULL,
    photo_sha256    TEXT,
    prev_hash       TEXT,
    hash            TEXT,
    verified        INTEGER NOT NULL,
    flags           TEXT
);
CREATE INDEX device_event_by_device ON device_event (device_id, seq);

-- The head of each device's hash chain as the server has accepted it.
CREATE TABLE evidence_chain (
    device_id       TEXT PRIMARY KEY,
    last_seq        BIGINT NOT NULL,
    last_hash       TEXT NOT NULL,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE press (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL UNIQUE,
    device_id       TEXT NOT NULL,
    seal_id         TEXT,
    slot            INTEGER,
    request_id      TEXT,
    token_id        TEXT,
    command_id      TEXT,
    at              BIGINT NOT NULL,
    counter         BIGINT,
    photo_sha256    TEXT,
    photo_stored    INTEGER NOT NULL DEFAULT 0,
    photo_due_at    BIGINT,
    flagged         INTEGER NOT NULL DEFAULT 0,
    review_verdict  TEXT,
    review_comment  TEXT,
    reviewed_by     TEXT,
    reviewed_at     BIGINT
);
CREATE INDEX press_by_request ON press (request_id);
CREATE INDEX press_by_device ON press (device_id, at);
CREATE INDEX press_photo_due ON press (photo_due_at);

CREATE TABLE evidence_anomaly (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    event_id        TEXT,
    press_id        TEXT,
    at              BIGINT NOT NULL,
    detail          TEXT
);
CREATE INDEX evidence_anomaly_by_press ON evidence_anomaly (press_id);
CREATE INDEX evidence_anomaly_by_device ON evidence_anomaly (device_id, at);

CREATE TABLE evidence_photo (
    sha256          TEXT PRIMARY KEY,
    size            BIGINT NOT NULL,
    red_fraction    INTEGER,
    stored_at       BIGINT NOT NULL
);
