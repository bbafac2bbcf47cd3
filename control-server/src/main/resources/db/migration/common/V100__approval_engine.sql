-- Approval engine (package com.sealflow.server.approval). Only that package reads or writes these tables.

CREATE TABLE approval_flow (
    flow_key         TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    draft_json       TEXT,
    draft_updated_at BIGINT,
    draft_updated_by TEXT,
    latest_version   INTEGER NOT NULL DEFAULT 0
);

-- published versions are immutable: rows are inserted, never updated
CREATE TABLE approval_flow_version (
    flow_key        TEXT NOT NULL,
    version         INTEGER NOT NULL,
    definition_json TEXT NOT NULL,
    published_at    BIGINT NOT NULL,
    published_by    TEXT,
    PRIMARY KEY (flow_key, version)
);

CREATE TABLE approval_instance (
    id            TEXT PRIMARY KEY,
    flow_key      TEXT NOT NULL,
    flow_version  INTEGER NOT NULL,
    business_key  TEXT NOT NULL UNIQUE,
    applicant_id  TEXT NOT NULL,
    status        TEXT NOT NULL,
    round         INTEGER NOT NULL,
    facts_json    TEXT NOT NULL,
    state_json    TEXT NOT NULL,
    started_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    ended_at      BIGINT,
    last_urged_at BIGINT,
    next_task_no  INTEGER NOT NULL,
    history_seq   INTEGER NOT NULL
);
CREATE INDEX approval_instance_applicant ON approval_instance (applicant_id, started_at);

CREATE TABLE approval_task (
    id             TEXT PRIMARY KEY,
    instance_id    TEXT NOT NULL REFERENCES approval_instance (id),
    task_no        INTEGER NOT NULL,
    node_id        TEXT NOT NULL,
    kind           TEXT NOT NULL,
    assignee_id    TEXT NOT NULL,
    status         TEXT NOT NULL,
    round          INTEGER NOT NULL,
    activation     INTEGER NOT NULL,
    parent_task_id TEXT,
    created_at     BIGINT NOT NULL,
    completed_at   BIGINT,
    due_at         BIGINT,
    remind_at      BIGINT,
    reminders      INTEGER NOT NULL,
    actor_id       TEXT,
    comment        TEXT
);
CREATE INDEX approval_task_instance ON approval_task (instance_id, task_no);
CREATE INDEX approval_task_assignee ON approval_task (assignee_id, status, created_at);
CREATE INDEX approval_task_actor ON approval_task (actor_id, completed_at);
CREATE INDEX approval_task_due ON approval_task (due_at);
CREATE INDEX approval_task_remind ON approval_task (remind_at);

-- the request timeline and the source of statistics: append-only
CREATE TABLE approval_history (
    instance_id TEXT NOT NULL REFERENCES approval_instance (id),
    seq         INTEGER NOT NULL,
    at          BIGINT NOT NULL,
    actor_id    TEXT,
    action      TEXT NOT NULL,
    node_id     TEXT,
    task_id     TEXT,
    comment     TEXT,
    detail      TEXT,
    PRIMARY KEY (instance_id, seq)
);

CREATE TABLE approval_idempotency (
    actor_id    TEXT NOT NULL,
    idem_key    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    result_json TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (actor_id, idem_key)
);
