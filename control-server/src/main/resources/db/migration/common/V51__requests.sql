-- Seal-use and take-out requests (DESIGN §6). Approval state lives in the engine's tables; the
-- request keeps its own status, which follows the engine's events inside the same transaction.
CREATE TABLE requests (
    id                 TEXT PRIMARY KEY,
    no                 TEXT NOT NULL UNIQUE,
    type               TEXT NOT NULL,
    status             TEXT NOT NULL,
    frozen             INTEGER NOT NULL DEFAULT 0,
    applicant_id       TEXT NOT NULL,
    department_id      TEXT,
    document_type      TEXT NOT NULL,
    document_name      TEXT NOT NULL,
    copies             INTEGER NOT NULL,
    reason             TEXT NOT NULL,
    amount_fen         BIGINT,
    counterparty       TEXT,
    expected_return_at BIGINT,
    destination        TEXT,
    form_json          TEXT NOT NULL,
    flow_key           TEXT NOT NULL,
    flow_version       INTEGER,
    instance_id        TEXT,
    last_urged_at      BIGINT,
    version            BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    submitted_at       BIGINT,
    finished_at        BIGINT
);
CREATE INDEX requests_applicant ON requests (applicant_id, created_at);
CREATE INDEX requests_instance ON requests (instance_id);
CREATE INDEX requests_status ON requests (status, created_at);

CREATE TABLE request_seals (
    request_id TEXT NOT NULL REFERENCES requests (id),
    seal_id    TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (request_id, seal_id)
);
CREATE INDEX request_seals_seal ON request_seals (seal_id);

CREATE TABLE request_files (
    request_id TEXT NOT NULL REFERENCES requests (id),
    file_id    TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (request_id, file_id)
);

-- request-level history the engine does not see: creation, edits, urges, comments, freezing
CREATE TABLE request_events (
    id         TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    at         BIGINT NOT NULL,
    actor_id   TEXT,
    kind       TEXT NOT NULL,
    detail     TEXT
);
CREATE INDEX request_events_request ON request_events (request_id, at);

-- per-day numbering: one row per prefix and day, bumped inside the creating transaction
CREATE TABLE request_counters (
    day_key TEXT PRIMARY KEY,
    n       BIGINT NOT NULL
);

-- handle tasks (STAMP / CHECKOUT / CHECKIN) announced to the device module
CREATE TABLE request_actions (
    task_id      TEXT PRIMARY KEY,
    request_id   TEXT NOT NULL REFERENCES requests (id),
    action       TEXT NOT NULL,
    state        TEXT NOT NULL,
    presses_used INTEGER,
    completed_by TEXT,
    reason       TEXT,
    created_at   BIGINT NOT NULL,
    completed_at BIGINT
);
CREATE INDEX request_actions_request ON request_actions (request_id);
