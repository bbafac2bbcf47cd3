-- web: first responses to mutations sent with an Idempotency-Key, kept 24 h per user.
CREATE TABLE idempotency_keys (
    user_id    TEXT   NOT NULL,
    idem_key   TEXT   NOT NULL,
    method     TEXT   NOT NULL,
    path       TEXT   NOT NULL,
    state      TEXT   NOT NULL,
    status     INTEGER,
    body       TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
