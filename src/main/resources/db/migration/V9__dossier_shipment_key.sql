-- One stable name per shipment, one state. Portable SQL (H2 and PostgreSQL).

-- The shipment reference a document declares (the exporter's, in its packing list header or declaration
-- worksheet). The dossier is named after it, whichever document of the shipment arrived first; NULL for a document
-- that declares none (then the dossier has a provisional name, see docs/mig/dossier-json.md).
ALTER TABLE dossier_documents ADD COLUMN declared_ref VARCHAR(128);
-- (dossier_documents.outcome_* keep what each attach found at the time; attaching a document again now reports the
-- dossier as it is, so that a replay's events, the dossiers table and the API tell one state.)

-- How many times the dossier completed. A complete dossier that a later document's error reopens (status REOPENED)
-- completes again once the error is resolved, and is sent again as completion 2, 3, ...
ALTER TABLE dossiers ADD COLUMN completions INTEGER DEFAULT 0 NOT NULL;
UPDATE dossiers SET completions = 1 WHERE status = 'COMPLETE';

-- Earlier names of a dossier (before its shipment reference arrived, or of a dossier merged into it): a document
-- delivered under an earlier name still finds its dossier.
CREATE TABLE dossier_aliases (
    alias             VARCHAR(128)  NOT NULL PRIMARY KEY,
    shipment_ref      VARCHAR(128)  NOT NULL
);
CREATE INDEX dossier_aliases_shipment ON dossier_aliases (shipment_ref);

-- Documents held outside any dossier: a customs status whose declaration has not arrived (it joins the
-- declaration's dossier when the declaration does; its reference is claimed in dossier_refs with shipment_ref ''
-- meanwhile), or a document that carries no reference tying it to a shipment (ref_type NULL, never joined).
CREATE TABLE dossier_pending (
    document_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    ref_type          VARCHAR(16),
    ref_value         VARCHAR(128),
    kind              VARCHAR(32)   NOT NULL,
    content           BYTEA         NOT NULL,
    reason            VARCHAR(1000) NOT NULL,
    held_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX dossier_pending_ref ON dossier_pending (ref_type, ref_value);
