-- Cluster mode (issue 18). Which node wrote an event: the work each node did, and who to ask about it.
ALTER TABLE events ADD COLUMN node_id VARCHAR(64);

-- The shared inbox's read locks (camel-sql's JdbcOrphanLockAwareIdempotentRepository, processor "intake"): a row while
-- a node takes a file in, renewed by its holder (created_at); one not renewed for corridor.cluster.intake-lock-max-age
-- was left by a node that died and is taken over. message_id is the file's absolute path.
CREATE TABLE intake_read_locks (
    processorName   VARCHAR(255)  NOT NULL,
    messageId       VARCHAR(1024) NOT NULL,
    createdAt       TIMESTAMP     NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
