-- H2 answers the document list's LIKE 'PREFIX%' from the primary key of document_terms (V20); PostgreSQL needs an
-- index of its own (db/vendor/postgresql). Kept so both databases have the same versions.
SELECT 1;
