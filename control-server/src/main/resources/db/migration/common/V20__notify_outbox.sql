-- notify: the outbox of e-mails and webhook deliveries. A row is written in the transaction of the action that
-- caused it and sent after commit by a relay; id is the stable delivery id (webhook header, e-mail Message-ID).
-- status: PENDING, DELIVERED, FAILED (given up after the last attempt). lease_until: a relay's claim (epoch ms).
CREATE TABLE notify_outbox (
    id              TEXT PRIMARY KEY,
    channel         TEXT    NOT NULL,
    target          TEXT    NOT NULL,
    event_type      TEXT    NOT NULL,
    subject         TEXT,
    payload         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    lease_until     BIGINT  NOT NULL DEFAULT 0,
    claimed_by      TEXT,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    delivered_at    BIGINT
);
CREATE INDEX notify_outbox_due ON notify_outbox (status, next_attempt_at);
CREATE INDEX notify_outbox_target ON notify_outbox (channel, target, created_at);

-- one row per attempt: what the receiver answered (the delivery log admins read)
CREATE TABLE notify_attempts (
    delivery_id TEXT    NOT NULL,
    attempt     INTEGER NOT NULL,
    at          BIGINT  NOT NULL,
    ok          INTEGER NOT NULL,
    status      INTEGER,
    error       TEXT,
    duration_ms BIGINT  NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
