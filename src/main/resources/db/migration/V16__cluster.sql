-- Cluster mode (issue 18). Which node wrote an event: the work each node did, and who to ask about it.
ALTER TABLE events ADD COLUMN node_id VARCHAR(64);

-- The shared inbox's read locks (org.corridor.platform.ClusterReadLocks, the idempotentRepository of the intake-folder
-- route): a row while a node takes a file in, renewed by its holder; one not renewed for
-- corridor.cluster.intake-lock-max-age was left by a node that died, and one other node takes it over. lock_key is the
-- file's absolute path.
CREATE TABLE intake_read_locks (
    lock_key        VARCHAR(1024) NOT NULL PRIMARY KEY,
    node_id         VARCHAR(64)   NOT NULL,
    renewed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX intake_read_locks_node ON intake_read_locks (node_id);
