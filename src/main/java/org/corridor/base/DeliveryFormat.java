package org.corridor.base;

/**
 * What one delivery carries: a document in an {@link OutputFormat} an agreement names, or an {@link AckFormat}
 * acknowledgement of EDI received from the partner. Tracking stores its {@link #label()} ({@code deliveries.doc_format},
 * held to these by V12).
 */
public sealed interface DeliveryFormat permits OutputFormat, AckFormat {

    /** The name in files, headers and the database. */
    String label();
}
