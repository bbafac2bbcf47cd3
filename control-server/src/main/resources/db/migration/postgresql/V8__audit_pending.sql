-- audit rows of committed transactions waiting to be chained (PostgreSQL: AuditSealer chains them in batches right
-- after their commit, so audited transactions no longer queue on audit_head). Inserted by the action's transaction,
-- deleted by the round that writes them to audit_log, in the same statement that moves audit_head.
CREATE TABLE audit_pending (
    id          BIGSERIAL PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor       TEXT,
    action      TEXT   NOT NULL,
    object_type TEXT,
    object_id   TEXT,
    details     TEXT   NOT NULL
);
