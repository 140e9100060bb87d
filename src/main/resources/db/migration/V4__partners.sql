-- Partner registry and acknowledgement tracking. Portable SQL (H2 and PostgreSQL).

-- The partners as loaded from their files at start (replaced on each start); content is the file as JSON.
-- Files name the properties that hold secrets, never the secrets, so nothing secret is stored here.
CREATE TABLE partners (
    partner_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    name              VARCHAR(256)  NOT NULL,
    roles             VARCHAR(256),
    channel           VARCHAR(16)   NOT NULL,
    ack_expected      VARCHAR(8),
    ack_overdue_after VARCHAR(32),
    source_file       VARCHAR(1024),
    content           VARCHAR(100000) NOT NULL,
    loaded_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Interchange ids (UNB/ISA sender and recipient ids) by which EDI senders are matched to partners.
CREATE TABLE partner_interchange_ids (
    qualifier         VARCHAR(8)    NOT NULL,
    id_value          VARCHAR(64)   NOT NULL,
    partner_id        VARCHAR(64)   NOT NULL,
    PRIMARY KEY (qualifier, id_value)
);

-- Acknowledgement expected for a delivery (CONTRL, 997, 999), when it is due, and what arrived.
ALTER TABLE deliveries ADD COLUMN ack_expected VARCHAR(8);
ALTER TABLE deliveries ADD COLUMN ack_due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE deliveries ADD COLUMN ack_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE deliveries ADD COLUMN ack_detail VARCHAR(4000);
CREATE INDEX deliveries_ack_due ON deliveries (status, ack_due_at);
