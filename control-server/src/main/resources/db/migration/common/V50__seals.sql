-- Seal registry (DESIGN §6). Owned by the seal module; other modules use its Java API.
CREATE TABLE seals (
    id                     TEXT PRIMARY KEY,
    code                   TEXT NOT NULL UNIQUE,
    name                   TEXT NOT NULL,
    type                   TEXT NOT NULL,
    status                 TEXT NOT NULL,
    department_id          TEXT,
    custodian_id           TEXT NOT NULL,
    backup_custodian_id    TEXT,
    device_id              TEXT,
    -- 0 = the device's only seal (a smart seal device has no slots); cabinets number slots from 1
    slot                   INTEGER NOT NULL DEFAULT 0,
    filing_code            TEXT,
    impression_file_id     TEXT,
    allowed_document_types TEXT NOT NULL,
    flow_key               TEXT,
    version                BIGINT NOT NULL,
    created_at             BIGINT NOT NULL,
    updated_at             BIGINT NOT NULL
);
-- one seal per device slot; destroyed seals release their binding (device_id set to NULL)
CREATE UNIQUE INDEX seals_device_slot ON seals (device_id, slot);
CREATE INDEX seals_custodian ON seals (custodian_id);
