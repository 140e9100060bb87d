-- PostgreSQL compares text by the database's collation, under which an index cannot answer LIKE 'PREFIX%' (H2's can,
-- V20's primary key). The pattern operator class compares byte by byte, so the prefix search of the document list
-- (terms hold only letters and digits) is an index range scan here too.
CREATE INDEX document_terms_prefix ON document_terms (term varchar_pattern_ops, document_id);
