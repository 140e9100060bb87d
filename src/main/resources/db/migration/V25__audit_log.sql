-- The audit log (issue 14): every event Corridor records, as one hash chain. Portable SQL (H2 and PostgreSQL).
-- docs/audit.md says how the hash is computed and how to check it without Corridor.

-- One row per entry, appended in the transaction of what it records. hash = sha256(prev_hash ‖ canonical bytes of
-- the entry); prev_hash is the hash of the entry before it (64 zeros for the first), stored so that a check can tell
-- an edited entry from a deleted, inserted or reordered one. seq is contiguous from 1. Append-only: nothing in
-- Corridor updates or deletes a row, and on PostgreSQL the application's user may not (docs/audit.md, grants).
CREATE TABLE audit_log (
    seq             BIGINT        NOT NULL PRIMARY KEY,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor           VARCHAR(128)  NOT NULL,
    action          VARCHAR(64)   NOT NULL,
    subject         VARCHAR(256)  NOT NULL,
    details         VARCHAR(4000) NOT NULL,
    prev_hash       VARCHAR(64)   NOT NULL,
    hash            VARCHAR(64)   NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (recorded_at);

-- The chain's head: the last entry's number, hash and time. Appending locks this one row, so entries of transactions
-- that commit at the same time are chained one after the other, never both after the same entry.
CREATE TABLE audit_head (
    head_id         INTEGER       NOT NULL PRIMARY KEY,
    last_seq        BIGINT        NOT NULL,
    last_hash       VARCHAR(64)   NOT NULL,
    last_at         TIMESTAMP WITH TIME ZONE
);
INSERT INTO audit_head (head_id, last_seq, last_hash, last_at)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);
