-- stats: the statistics read model, fed by approval, evidence and device events (never by reading their tables).
-- One row per approval instance the statistics saw start.
CREATE TABLE stats_instance (
    instance_id   TEXT PRIMARY KEY,
    business_key  TEXT,
    flow_key      TEXT    NOT NULL,
    flow_version  INTEGER NOT NULL,
    applicant_id  TEXT,
    department_id TEXT,
    started_at    BIGINT  NOT NULL,
    ended_at      BIGINT,
    result        TEXT,
    duration_ms   BIGINT,
    returns       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stats_instance_started ON stats_instance (started_at, flow_key, result, duration_ms, department_id, returns);

-- One stay of an instance at an approval or handle node: from its first actionable task to the decision.
CREATE TABLE stats_node_visit (
    id          TEXT PRIMARY KEY,
    instance_id TEXT    NOT NULL,
    flow_key    TEXT    NOT NULL,
    node_id     TEXT    NOT NULL,
    node_name   TEXT,
    kind        TEXT    NOT NULL,
    entered_at  BIGINT  NOT NULL,
    left_at     BIGINT,
    duration_ms BIGINT,
    outcome     TEXT,
    open_tasks  INTEGER NOT NULL
);
CREATE INDEX stats_visit_instance ON stats_node_visit (instance_id, node_id, entered_at);
CREATE INDEX stats_visit_node ON stats_node_visit (flow_key, left_at, node_id, duration_ms, outcome);

CREATE TABLE stats_press (
    press_id   TEXT PRIMARY KEY,
    device_id  TEXT    NOT NULL,
    seal_id    TEXT,
    request_id TEXT,
    at         BIGINT  NOT NULL,
    flagged    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stats_press_at ON stats_press (at, seal_id, device_id, flagged);

CREATE TABLE stats_anomaly (
    id        TEXT PRIMARY KEY,
    kind      TEXT   NOT NULL,
    device_id TEXT,
    press_id  TEXT,
    at        BIGINT NOT NULL
);
CREATE INDEX stats_anomaly_at ON stats_anomaly (at, device_id, kind);

-- Last known connectivity of each device, as the device module announced it.
CREATE TABLE stats_device (
    device_id TEXT PRIMARY KEY,
    state     TEXT   NOT NULL,
    since     BIGINT NOT NULL
);

-- Monitoring alerts already sent (one per key), so a periodic check does not repeat itself.
CREATE TABLE stats_alert (
    alert_key TEXT PRIMARY KEY,
    raised_at BIGINT NOT NULL
);
