-- Settlement of a shipment's concentrate sale (issue 17): one row per shipment and stage (PROVISIONAL, FINAL). A
-- stage WAITS with a reason (no B/L weight, no assay, no price yet, an umpire needed) until its inputs are in; then
-- it is ISSUING: the invoice (canonical JSON, invoice_json) and the instant its file carries (issued_at) are
-- committed first, then written into the gateway's own intake (invoice_file), and the row is ISSUED. A crash in
-- between writes the same file again, with the same name, bytes and modification time, which the intake takes as the
-- same document: the buyer gets it once. calculation is the whole computation with every input and step (JSON), so
-- an auditor can redo it by hand. Portable SQL (H2 and PostgreSQL).
CREATE TABLE settlements (
    shipment_ref      VARCHAR(128)  NOT NULL,
    stage             VARCHAR(16)   NOT NULL,
    agreement_ref     VARCHAR(64),
    commodity         VARCHAR(32),
    state             VARCHAR(16)   NOT NULL,
    reason            VARCHAR(2000),
    invoice_no        VARCHAR(128),
    invoice_type      VARCHAR(16),
    currency          VARCHAR(3),
    amount            DECIMAL(20, 2),
    invoice_file      VARCHAR(256),
    invoice_json      VARCHAR(1000000),
    issued_at         TIMESTAMP WITH TIME ZONE,
    calculation       VARCHAR(1000000),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (shipment_ref, stage),
    -- settlement.SettlementState.Stage and .State (TypedColumnsTest)
    CONSTRAINT settlements_stage_known CHECK (stage IN ('PROVISIONAL', 'FINAL')),
    CONSTRAINT settlements_state_known CHECK (state IN ('WAITING', 'ISSUING', 'ISSUED'))
);
CREATE INDEX settlements_state ON settlements (state);

-- A partner's own invoice for a shipment, checked against the gateway's calculation: both figures and the
-- difference; a difference beyond the agreement's tolerance is a finding.
CREATE TABLE settlement_checks (
    document_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    shipment_ref      VARCHAR(128)  NOT NULL,
    invoice_no        VARCHAR(128),
    invoice_type      VARCHAR(16),
    stated_amount     DECIMAL(20, 2),
    computed_amount   DECIMAL(20, 2),
    difference        DECIMAL(20, 2),
    tolerance         DECIMAL(20, 2),
    outcome           VARCHAR(16)   NOT NULL,
    detail            VARCHAR(2000),
    checked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- settlement.SettlementCheck.Outcome (TypedColumnsTest)
    CONSTRAINT settlement_checks_outcome_known CHECK (outcome IN ('AGREES', 'DIFFERS', 'NOT_CHECKED'))
);
CREATE INDEX settlement_checks_shipment ON settlement_checks (shipment_ref);
