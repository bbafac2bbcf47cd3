-- stats: the dashboard's rollup, kept by the projection in the transaction of each event (docs/statistics.md). A day is
-- day_no = (epoch ms + the company zone's standard offset) / 86400000. Histogram buckets are fixed (Buckets.java):
-- 0 = under 1 s, 1..120 = equal ratios from 1 s to 90 days, 121 = 90 days and more.

-- Requests by the day they were submitted, flow and department ('' = unknown): how they ended and how long they took.
CREATE TABLE stats_flow_day (
    day_no        BIGINT NOT NULL,
    flow_key      TEXT   NOT NULL,
    department_id TEXT   NOT NULL,
    submitted     BIGINT NOT NULL,
    approved      BIGINT NOT NULL,
    rejected      BIGINT NOT NULL,
    withdrawn     BIGINT NOT NULL,
    cancelled     BIGINT NOT NULL,
    returned      BIGINT NOT NULL,
    ended         BIGINT NOT NULL,
    dur_sum       BIGINT NOT NULL,
    PRIMARY KEY (day_no, flow_key, department_id)
);

CREATE TABLE stats_flow_hist (
    day_no   BIGINT  NOT NULL,
    flow_key TEXT    NOT NULL,
    bucket   INTEGER NOT NULL,
    n        BIGINT  NOT NULL,
    PRIMARY KEY (day_no, flow_key, bucket)
);

-- Closed node stays by the day they ended: outcomes, durations, stays over the limit of the version the request ran.
CREATE TABLE stats_node_day (
    day_no    BIGINT NOT NULL,
    flow_key  TEXT   NOT NULL,
    node_id   TEXT   NOT NULL,
    node_name TEXT,
    kind      TEXT,
    total     BIGINT NOT NULL,
    passed    BIGINT NOT NULL,
    rejected  BIGINT NOT NULL,
    returned  BIGINT NOT NULL,
    withdrawn BIGINT NOT NULL,
    dur_sum   BIGINT NOT NULL,
    overdue   BIGINT NOT NULL,
    max_ms    BIGINT,
    PRIMARY KEY (day_no, flow_key, node_id)
);

CREATE TABLE stats_node_hist (
    day_no   BIGINT  NOT NULL,
    flow_key TEXT    NOT NULL,
    node_id  TEXT    NOT NULL,
    bucket   INTEGER NOT NULL,
    n        BIGINT  NOT NULL,
    PRIMARY KEY (day_no, flow_key, node_id, bucket)
);

-- Presses by day, seal ('' = unknown) and device.
CREATE TABLE stats_press_day (
    day_no    BIGINT NOT NULL,
    seal_id   TEXT   NOT NULL,
    device_id TEXT   NOT NULL,
    presses   BIGINT NOT NULL,
    flagged   BIGINT NOT NULL,
    PRIMARY KEY (day_no, seal_id, device_id)
);

-- The fixed time limits of each flow version's nodes, as the statistics first met the version.
CREATE TABLE stats_node_limit (
    flow_key     TEXT    NOT NULL,
    flow_version INTEGER NOT NULL,
    node_id      TEXT    NOT NULL,
    limit_ms     BIGINT  NOT NULL,
    PRIMARY KEY (flow_key, flow_version, node_id)
);

-- built = 0: the server builds the rollup from the read model at start (existing data), in one transaction, then sets 1.
CREATE TABLE stats_rollup_state (
    name  TEXT PRIMARY KEY,
    built INTEGER NOT NULL
);
INSERT INTO stats_rollup_state (name, built) VALUES ('rollup', 0);

-- a period's partial edge days read stays by the time they ended, across flows
CREATE INDEX stats_visit_left ON stats_node_visit (left_at);
