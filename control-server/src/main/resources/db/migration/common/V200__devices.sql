-- Devices, their enrolment codes and seal bindings (device module).
CREATE TABLE device (
    id              TEXT PRIMARY KEY,
    serial_no       TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    location        TEXT,
    firmware        TEXT,
    status          TEXT NOT NULL,
    last_seen_at    BIGINT,
    status_at       BIGINT,
    public_key      TEXT,
    mqtt_secret     TEXT,
    http_token      TEXT UNIQUE,
    token_kid       TEXT,
    cmd_counter     BIGINT NOT NULL DEFAULT 0,
    enrolled_at     BIGINT,
    created_at      BIGINT NOT NULL
);

CREATE TABLE device_seal (
    device_id   TEXT NOT NULL REFERENCES device (id),
    seal_id     TEXT NOT NULL,
    slot        INTEGER,
    PRIMARY KEY (device_id, seal_id)
);
CREATE INDEX device_seal_by_seal ON device_seal (seal_id);

CREATE TABLE device_enrolment_code (
    code_hash   TEXT PRIMARY KEY,
    device_id   TEXT NOT NULL REFERENCES device (id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX device_enrolment_code_by_device ON device_enrolment_code (device_id);
