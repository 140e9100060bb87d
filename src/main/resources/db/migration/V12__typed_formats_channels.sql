-- Output formats and delivery channels are closed sets in Java (org.corridor.base.OutputFormat and
-- CorridorProperties.Channel): the columns that hold them accept only those names. A delivery's format is also one
-- of the acknowledgements the gateway sends back (CONTRL, 997, 999, TA1). Portable SQL (H2 and PostgreSQL).

-- agreements were read case-insensitively ("edifact") and stored as written: stored as the enum names from now on
UPDATE agreement_distribution SET doc_format = UPPER(doc_format);
UPDATE deliveries SET doc_format = UPPER(doc_format);

ALTER TABLE agreement_distribution ADD CONSTRAINT agreement_distribution_format_known CHECK (doc_format IN
    ('CANONICAL_JSON', 'PSW_WORKSHEET_JSON', 'PSW_WORKSHEET_CSV', 'EDIFACT', 'X12', 'US_BROKER_DATA_SET'));

ALTER TABLE deliveries ADD CONSTRAINT deliveries_format_known CHECK (doc_format IN
    ('CANONICAL_JSON', 'PSW_WORKSHEET_JSON', 'PSW_WORKSHEET_CSV', 'EDIFACT', 'X12', 'US_BROKER_DATA_SET',
     'CONTRL', '997', '999', 'TA1'));

-- a delivery's channel is set once it was attempted
ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_known CHECK (channel IS NULL OR channel IN
    ('FOLDER', 'HTTP', 'SFTP', 'JMS'));

ALTER TABLE partners ADD CONSTRAINT partners_channel_known CHECK (channel IN ('FOLDER', 'HTTP', 'SFTP', 'JMS'));
