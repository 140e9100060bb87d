-- Statuses, stages and kinds are enums in Java (track.DocumentStatus, track.DeliveryStatus, track.Stage,
-- canonical.DocumentKind, dossier.DossierStatus, dossier.ShipmentReferences.Type, problem Severity,
-- rules AllowanceLedger.Kind, track ControlNumbers.Level); the columns that hold them accept only their names.
-- A NULL passes a CHECK, so optional columns stay optional. TypedColumnsTest holds each list to its enum on H2
-- and PostgreSQL: an enum value added without a migration fails the build.
ALTER TABLE documents ADD CONSTRAINT documents_status_known
    CHECK (status IN ('RECEIVED', 'SPLIT', 'ROUTED', 'CONSUMED', 'DELIVERED', 'REJECTED', 'FAILED'));
ALTER TABLE documents ADD CONSTRAINT documents_kind_known
    CHECK (kind IN ('ASSAY_CERTIFICATE', 'CUSTOMS_DECLARATION', 'CUSTOMS_RESPONSE', 'SHIPPING_INSTRUCTION',
                    'BILL_OF_LADING', 'TRANSPORT_EVENT', 'PACKING_LIST', 'INVOICE', 'ACKNOWLEDGEMENT',
                    'SHIPMENT_DOSSIER'));
ALTER TABLE events ADD CONSTRAINT events_stage_known
    CHECK (stage IN ('INTAKE', 'DETECT', 'PARSE', 'ENRICH', 'VALIDATE', 'DOSSIER', 'ROUTE', 'DELIVER', 'REJECT',
                     'FAIL', 'REPLAY', 'ACK'));
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_known
    CHECK (status IN ('PENDING', 'DELIVERED', 'ACKNOWLEDGED', 'NEGATIVE_ACK', 'ACK_OVERDUE', 'FAILED'));
ALTER TABLE dossiers ADD CONSTRAINT dossiers_status_known
    CHECK (status IN ('OPEN', 'COMPLETE', 'REOPENED'));
ALTER TABLE dossier_documents ADD CONSTRAINT dossier_documents_outcome_known
    CHECK (outcome_status IN ('OPEN', 'COMPLETE', 'REOPENED'));
ALTER TABLE dossier_documents ADD CONSTRAINT dossier_documents_kind_known
    CHECK (kind IN ('ASSAY_CERTIFICATE', 'CUSTOMS_DECLARATION', 'CUSTOMS_RESPONSE', 'SHIPPING_INSTRUCTION',
                    'BILL_OF_LADING', 'TRANSPORT_EVENT', 'PACKING_LIST', 'INVOICE', 'ACKNOWLEDGEMENT',
                    'SHIPMENT_DOSSIER'));
ALTER TABLE dossier_pending ADD CONSTRAINT dossier_pending_kind_known
    CHECK (kind IN ('ASSAY_CERTIFICATE', 'CUSTOMS_DECLARATION', 'CUSTOMS_RESPONSE', 'SHIPPING_INSTRUCTION',
                    'BILL_OF_LADING', 'TRANSPORT_EVENT', 'PACKING_LIST', 'INVOICE', 'ACKNOWLEDGEMENT',
                    'SHIPMENT_DOSSIER'));
ALTER TABLE dossier_refs ADD CONSTRAINT dossier_refs_type_known
    CHECK (ref_type IN ('SHIPMENT', 'LOT', 'CONTAINER', 'BL', 'BOOKING', 'DECLARATION', 'INVOICE'));
ALTER TABLE dossier_pending ADD CONSTRAINT dossier_pending_type_known
    CHECK (ref_type IN ('SHIPMENT', 'LOT', 'CONTAINER', 'BL', 'BOOKING', 'DECLARATION', 'INVOICE'));
ALTER TABLE dossier_findings ADD CONSTRAINT dossier_findings_severity_known
    CHECK (severity IN ('ERROR', 'WARNING', 'INFO'));
ALTER TABLE allowance_usage ADD CONSTRAINT allowance_usage_kind_known
    CHECK (allowance_kind IN ('QUOTA', 'PERMIT'));
ALTER TABLE allowance_count_lines ADD CONSTRAINT allowance_count_lines_kind_known
    CHECK (allowance_kind IN ('QUOTA', 'PERMIT'));
ALTER TABLE edi_control_numbers ADD CONSTRAINT edi_control_numbers_level_known
    CHECK (level_name IN ('INTERCHANGE', 'GROUP', 'MESSAGE'));
ALTER TABLE agreement_distribution ADD CONSTRAINT agreement_distribution_kind_known
    CHECK (kind IN ('ASSAY_CERTIFICATE', 'CUSTOMS_DECLARATION', 'CUSTOMS_RESPONSE', 'SHIPPING_INSTRUCTION',
                    'BILL_OF_LADING', 'TRANSPORT_EVENT', 'PACKING_LIST', 'INVOICE', 'ACKNOWLEDGEMENT',
                    'SHIPMENT_DOSSIER'));
