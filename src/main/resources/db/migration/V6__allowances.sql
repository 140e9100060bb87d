-- Quotas and export permits: running totals of the tonnes counted against them. Portable SQL (H2 and PostgreSQL).

-- Tonnes used so far per quota (of a commodity and period) or permit of an agreement. Raised only by a conditional
-- UPDATE (used + this <= limit) so that concurrent declarations can never together exceed the limit; the limit
-- itself comes from the agreement at the time of counting.
CREATE TABLE allowance_usage (
    agreement_id    VARCHAR(64)     NOT NULL,
    allowance_kind  VARCHAR(8)      NOT NULL,
    allowance_id    VARCHAR(64)     NOT NULL,
    used_tonnes     DECIMAL(19, 6)  NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agreement_id, allowance_kind, allowance_id)
);

-- One row per export declaration counted: the same declaration (redelivered, or sent twice) is counted once.
-- declaration_key is the declaration number, or the document id of a declaration not yet numbered.
CREATE TABLE allowance_counts (
    agreement_id    VARCHAR(64)     NOT NULL,
    declaration_key VARCHAR(128)    NOT NULL,
    document_id     VARCHAR(64),
    declaration_date DATE           NOT NULL,
    counted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agreement_id, declaration_key)
);

-- What each counted declaration added to which quota or permit (for the dossier view, reports and audits).
CREATE TABLE allowance_count_lines (
    agreement_id    VARCHAR(64)     NOT NULL,
    declaration_key VARCHAR(128)    NOT NULL,
    allowance_kind  VARCHAR(8)      NOT NULL,
    allowance_id    VARCHAR(64)     NOT NULL,
    tonnes          DECIMAL(19, 6)  NOT NULL,
    PRIMARY KEY (agreement_id, declaration_key, allowance_kind, allowance_id)
);
