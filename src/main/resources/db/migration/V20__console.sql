-- The back-office console and its API (issue 13). Portable SQL (H2 and PostgreSQL).

-- What the document list shows and filters on without reading anything else: the document's own number (certificate,
-- B/L, invoice, declaration, packing list ...) and who sent it (the partner it came from, or the issuer it names).
ALTER TABLE documents ADD COLUMN business_no VARCHAR(256);
ALTER TABLE documents ADD COLUMN sender_id VARCHAR(64);

-- Who caused an event, when a person or a machine did (a replay, a retry, an upload: the staff user or token); NULL for
-- the gateway's own steps.
ALTER TABLE events ADD COLUMN actor VARCHAR(128);

-- Free-text search: the business numbers a document carries (its own, lots, containers, B/L, booking, declaration,
-- invoice, contract and shipment references) and its file name, upper-cased with everything but letters and digits
-- dropped ("KHILAB-CU-2025-0147" -> KHILABCU20250147), each also from every word start on (CU20250147, 20250147, 0147),
-- so a clerk's "0147" or "cu-2025" finds it by an index prefix scan, never a scan of the documents.
CREATE TABLE document_terms (
    term            VARCHAR(64)   NOT NULL,
    document_id     VARCHAR(64)   NOT NULL,
    PRIMARY KEY (term, document_id)
);
CREATE INDEX document_terms_document ON document_terms (document_id);

-- The canonical document as processing last saw it (as delivered, or as parsed when a rule refused it), gzip'd JSON.
CREATE TABLE document_content (
    document_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    canonical       BYTEA         NOT NULL,
    stored_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Exactly what was sent to each partner (the rendered bytes, gzip'd), written with the delivery's outcome.
CREATE TABLE delivery_payloads (
    document_id     VARCHAR(64)   NOT NULL,
    partner_id      VARCHAR(64)   NOT NULL,
    content_type    VARCHAR(128),
    output_name     VARCHAR(512),
    sha256          VARCHAR(64)   NOT NULL,
    length_bytes    BIGINT        NOT NULL,
    content         BYTEA         NOT NULL,
    stored_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (document_id, partner_id)
);

-- The console's generated admin (only while no user is configured): its bcrypt hash, so the password written once to
-- initial-admin-password keeps working after a restart. Configured users live in the configuration, not here.
CREATE TABLE staff_users (
    username        VARCHAR(64)   NOT NULL PRIMARY KEY,
    password_hash   VARCHAR(128)  NOT NULL,
    role            VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Keyset paging, newest first: every list query walks one of these in (received_at, document_id) order and stops after
-- a page, whichever filter narrows it.
CREATE INDEX documents_received ON documents (received_at, document_id);
DROP INDEX documents_status;
CREATE INDEX documents_status_received ON documents (status, received_at, document_id);
DROP INDEX documents_shipment;
CREATE INDEX documents_shipment_received ON documents (shipment_ref, received_at, document_id);
CREATE INDEX documents_kind_received ON documents (kind, received_at, document_id);
CREATE INDEX documents_sender_received ON documents (sender_id, received_at, document_id);
CREATE INDEX documents_agreement_received ON documents (agreement_ref, received_at, document_id);

-- The last event of each listed document, and a partner's deliveries (its health on the partners page).
CREATE INDEX events_document_seq ON events (document_id, event_id);
DROP INDEX events_document;
CREATE INDEX deliveries_partner ON deliveries (partner_id, status, updated_at);
