CREATE TABLE schema_info (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO schema_info (name, value) VALUES ('product', 'SealFlow');
