-- The shipment (dossier) each document was filed in when it was processed; if that dossier later merges into
-- another, dossier_documents says where the document is now (TrackingStore.document reports that).
ALTER TABLE documents ADD COLUMN shipment_ref VARCHAR(128);
CREATE INDEX documents_shipment ON documents (shipment_ref);
