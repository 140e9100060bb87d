-- EDI control numbers and interchanges (issue 3). Portable between H2 and PostgreSQL.

-- The last control number used per standard, sender, receiver and level (INTERCHANGE, GROUP, MESSAGE).
-- Numbers are taken in their own transaction and never handed out twice, even when the delivery that
-- used one is rolled back (a gap is allowed, a reuse is not).
CREATE TABLE edi_control_numbers (
    standard        VARCHAR(8)    NOT NULL,
    sender          VARCHAR(35)   NOT NULL,
    receiver        VARCHAR(35)   NOT NULL,
    level_name      VARCHAR(16)   NOT NULL,
    last_value      BIGINT        NOT NULL,
    PRIMARY KEY (standard, sender, receiver, level_name)
);

-- Every interchange received (IN: duplicate detection) and sent (OUT: matching acknowledgements).
CREATE TABLE edi_interchanges (
    direction       VARCHAR(3)    NOT NULL,
    standard        VARCHAR(8)    NOT NULL,
    sender          VARCHAR(35)   NOT NULL,
    receiver        VARCHAR(35)   NOT NULL,
    control_ref     VARCHAR(35)   NOT NULL,
    document_id     VARCHAR(64)   NOT NULL,
    partner_id      VARCHAR(64),
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ack_status      VARCHAR(24),
    ack_detail      VARCHAR(4000),
    ack_document_id VARCHAR(64),
    ack_at          TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (direction, standard, sender, receiver, control_ref)
);
CREATE INDEX edi_interchanges_document ON edi_interchanges (document_id);
