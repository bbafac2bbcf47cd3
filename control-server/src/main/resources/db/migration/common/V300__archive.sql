-- The archive: an append-only, hash-chained log of entries (a RECORD when a request is archived, an ADDENDUM for
-- each later review), plus a search index over the records. The entries are the truth; the index is derived.
CREATE TABLE archive_chain_head (
    id        INTEGER PRIMARY KEY,
    seq       BIGINT  NOT NULL,
    hash      TEXT    NOT NULL
);
INSERT INTO archive_chain_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE archive_counter (
    year      INTEGER PRIMARY KEY,
    last_no   BIGINT  NOT NULL
);

CREATE TABLE archive_entry (
    seq        BIGINT PRIMARY KEY,
    kind       TEXT   NOT NULL,
    archive_no TEXT   NOT NULL,
    at         BIGINT NOT NULL,
    body       TEXT   NOT NULL,
    prev_hash  TEXT   NOT NULL,
    hash       TEXT   NOT NULL
);
CREATE INDEX archive_entry_no ON archive_entry (archive_no, seq);

CREATE TABLE archive_record (
    entry_seq         BIGINT  PRIMARY KEY,
    no                TEXT    NOT NULL UNIQUE,
    request_id        TEXT    NOT NULL UNIQUE,
    request_no        TEXT    NOT NULL,
    verification_code TEXT    NOT NULL UNIQUE,
    archived_at       BIGINT  NOT NULL,
    document_name     TEXT    NOT NULL,
    counterparty      TEXT,
    applicant_id      TEXT    NOT NULL,
    applicant_name    TEXT,
    department_id     TEXT,
    department_name   TEXT,
    seal_names        TEXT    NOT NULL,
    press_count       INTEGER NOT NULL,
    search_text       TEXT    NOT NULL,
    search_grams      TEXT    NOT NULL
);
-- newest first is (archived_at DESC, entry_seq DESC): each filter's index ends in that order, so a page stops early
CREATE INDEX archive_record_applicant ON archive_record (applicant_id, archived_at, entry_seq);
CREATE INDEX archive_record_department ON archive_record (department_id, archived_at, entry_seq);
CREATE INDEX archive_record_archived ON archive_record (archived_at, entry_seq);
CREATE INDEX archive_record_request_no ON archive_record (request_no);

-- seals and devices of a record (many per record), for the sealId / deviceId filters
CREATE TABLE archive_ref (
    kind      TEXT   NOT NULL,
    ref_id    TEXT   NOT NULL,
    entry_seq BIGINT NOT NULL,
    PRIMARY KEY (kind, ref_id, entry_seq)
);

-- requests whose ARCHIVE step ran, written in the approval's transaction; archived after commit (and retried)
CREATE TABLE archive_pending (
    request_id TEXT    PRIMARY KEY,
    due_at     BIGINT  NOT NULL,
    attempts   INTEGER NOT NULL,
    last_error TEXT
);

-- records written to the export directory
CREATE TABLE archive_export (
    entry_seq   BIGINT PRIMARY KEY,
    exported_at BIGINT NOT NULL,
    path        TEXT   NOT NULL
);
