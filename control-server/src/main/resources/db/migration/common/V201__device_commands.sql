-- Commands to devices and the outbox that publishes them (device module).
CREATE TABLE device_command (
    id              TEXT PRIMARY KEY,
    device_id       TEXT NOT NULL REFERENCES device (id),
    kind            TEXT NOT NULL,
    state           TEXT NOT NULL,
    request_id      TEXT,
    request_no      TEXT,
    action          TEXT,
    seal_id         TEXT,
    slot            INTEGER,
    custodian_ids   TEXT,
    handle_task_id  TEXT,
    token_id        TEXT UNIQUE,
    counter         BIGINT,
    kid             TEXT,
    presses_allowed INTEGER,
    presses_used    INTEGER,
    target_id       TEXT,
    reason          TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    due_at          BIGINT,
    handle_due_at   BIGINT
);
CREATE INDEX device_command_by_request ON device_command (request_id);
CREATE INDEX device_command_by_device ON device_command (device_id, state);
CREATE INDEX device_command_due ON device_command (due_at);
CREATE INDEX device_command_handle_due ON device_command (handle_due_at);

CREATE TABLE device_outbox (
    id              TEXT PRIMARY KEY,
    command_id      TEXT NOT NULL REFERENCES device_command (id),
    topic           TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    claimed_by      TEXT,
    claim_until     BIGINT NOT NULL DEFAULT 0,
    attempts        INTEGER NOT NULL DEFAULT 0,
    sent_at         BIGINT
);
CREATE INDEX device_outbox_pending ON device_outbox (sent_at, claim_until);
