-- Prices as input data for settlement (issue 17): one row per (date, metal, unit, source), as a price file or a
-- partner's POST /api/prices stated it. A stored price never changes: a later file restating it with another value is
-- refused (an invoice may have used it), the same value again is accepted and changes nothing.
-- Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE prices (
    price_date   DATE           NOT NULL,
    metal        VARCHAR(16)    NOT NULL,
    unit         VARCHAR(16)    NOT NULL,
    source       VARCHAR(32)    NOT NULL,
    price        NUMERIC(19, 4) NOT NULL,
    file_sha256  VARCHAR(64)    NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT prices_key UNIQUE (price_date, metal, unit, source)
);
-- the QP average and the latest price read one metal/unit/source over a range of dates; the page lists one metal
CREATE INDEX prices_series ON prices (metal, unit, source, price_date);
