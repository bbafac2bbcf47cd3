-- file: uploads; the bytes live content-addressed under <data dir>/files/<sha256[0:2]>/<sha256>.
CREATE TABLE files (
    id           TEXT PRIMARY KEY,
    name         TEXT   NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT   NOT NULL,
    content_type TEXT   NOT NULL,
    owner_id     TEXT   NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX files_sha256 ON files (sha256);
CREATE INDEX files_owner ON files (owner_id, sha256);
