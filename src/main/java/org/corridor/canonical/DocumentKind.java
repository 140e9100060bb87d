package org.corridor.canonical;

/** The business document kinds of the canonical model (corridor/1). */
public enum DocumentKind {
    ASSAY_CERTIFICATE,
    CUSTOMS_DECLARATION,
    CUSTOMS_RESPONSE,
    SHIPPING_INSTRUCTION,
    BILL_OF_LADING,
    TRANSPORT_EVENT,
    PACKING_LIST,
    INVOICE,
    ACKNOWLEDGEMENT,
    /** The documents of one shipment, delivered as one JSON when the dossier is complete (never parsed from a file). */
    SHIPMENT_DOSSIER
}
