-- AS2 (issue 19, docs/mig/as2.md). A new delivery channel, and every AS2 message by the partner and the Message-ID
-- its sender gave it: IN, what a partner sent us (a resend of one already answered is answered again, never
-- processed twice); OUT, what we sent (an asynchronous receipt is matched to it, an overdue one is noticed).
-- Portable SQL (H2 and PostgreSQL).

ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_known;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_known CHECK (channel IS NULL OR channel IN
    ('FOLDER', 'HTTP', 'SFTP', 'JMS', 'AS2'));
ALTER TABLE partners DROP CONSTRAINT partners_channel_known;
ALTER TABLE partners ADD CONSTRAINT partners_channel_known CHECK (channel IN ('FOLDER', 'HTTP', 'SFTP', 'JMS', 'AS2'));

CREATE TABLE as2_messages (
    direction     VARCHAR(3)    NOT NULL,
    partner_id    VARCHAR(64)   NOT NULL,
    -- as the sender wrote it, with its angle brackets (RFC 5322 msg-id; AS2 allows 998 characters)
    message_id    VARCHAR(998)  NOT NULL,
    state         VARCHAR(20)   NOT NULL,
    -- of the EDI payload (IN: as decrypted; OUT: as rendered)
    sha256        CHAR(64)      NOT NULL,
    -- the MIC of the payload's MIME part, Base64, and its algorithm (IN: what we answered; OUT: what we expect)
    mic           VARCHAR(200),
    mic_algorithm VARCHAR(20),
    -- the disposition we answered (IN) or the partner answered (OUT), e.g. processed, processed/error: ...
    disposition   VARCHAR(1000),
    document_id   VARCHAR(64),
    -- OUT: which attempt of the delivery this message is (1 for the first send)
    attempt       INT           NOT NULL,
    -- OUT: what was sent, to send it again when the receipt says it failed or never comes
    output_name   VARCHAR(255),
    content_type  VARCHAR(100),
    content       BYTEA,
    created_at    TIMESTAMP     NOT NULL,
    answered_at   TIMESTAMP,
    -- OUT: when an asynchronous receipt is overdue
    due_at        TIMESTAMP,
    PRIMARY KEY (direction, partner_id, message_id),
    CONSTRAINT as2_messages_direction_known CHECK (direction IN ('IN', 'OUT')),
    CONSTRAINT as2_messages_state_known CHECK (state IN
        ('ACCEPTED', 'REFUSED', 'AWAITING_RECEIPT', 'DELIVERED', 'FAILED')));

CREATE INDEX as2_messages_due ON as2_messages (state, due_at);
CREATE INDEX as2_messages_document ON as2_messages (document_id);
