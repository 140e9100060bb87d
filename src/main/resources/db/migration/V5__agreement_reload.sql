-- Agreement files the gateway refused while (re)loading them: one row per file, the latest refusal, so an operator
-- sees why a changed agreement did not take effect. The version in force stays; the row goes once the file loads.
-- Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE agreement_refusals (
    source_file     VARCHAR(1024) NOT NULL PRIMARY KEY,
    sha256          VARCHAR(64)   NOT NULL,
    reason          VARCHAR(4000) NOT NULL,
    refused_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
