-- stats: the rollup's additions waiting to be folded into the day rows (docs/statistics.md, "Rollup"). An action's
-- transaction only appends here (no key, no row shared with another transaction); the folder adds them to the day rows
-- and deletes them in one transaction. Readers add the day rows and these, so figures are exact before and after a fold.

CREATE TABLE stats_flow_day_delta (
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
    dur_sum       BIGINT NOT NULL
);

CREATE TABLE stats_flow_hist_delta (
    day_no   BIGINT  NOT NULL,
    flow_key TEXT    NOT NULL,
    bucket   INTEGER NOT NULL,
    n        BIGINT  NOT NULL
);

-- max_ms: the longest of the stays added by the row (NULL on a row that takes stays back)
CREATE TABLE stats_node_day_delta (
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
    max_ms    BIGINT
);

CREATE TABLE stats_node_hist_delta (
    day_no   BIGINT  NOT NULL,
    flow_key TEXT    NOT NULL,
    node_id  TEXT    NOT NULL,
    bucket   INTEGER NOT NULL,
    n        BIGINT  NOT NULL
);

CREATE TABLE stats_press_day_delta (
    day_no    BIGINT NOT NULL,
    seal_id   TEXT   NOT NULL,
    device_id TEXT   NOT NULL,
    presses   BIGINT NOT NULL,
    flagged   BIGINT NOT NULL
);
