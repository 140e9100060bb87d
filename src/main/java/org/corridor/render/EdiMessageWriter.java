package org.corridor.render;

import java.util.Set;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.edi.EdiWriter;

/**
 * Writes the body of one EDI message type from a canonical document: the segments between the header (UNH/ST) and
 * the trailer (UNT/SE), which {@link EdiWriter} adds with the envelope. The segments are the ones the message's guide
 * in {@code docs/mig/} lists and its mapper reads, so canonical → EDI → canonical gives the same body.
 */
public interface EdiMessageWriter {

    /** {@code EDIFACT} or {@code X12}. */
    String standard();

    /** {@code QALITY}, {@code 863}, ... */
    String messageType();

    /** {@code D96A}, {@code 004010}. */
    String version();

    /** X12 functional identifier for the GS group ({@code RT} for 863, {@code IN} 810, {@code SH} 856); EDIFACT null. */
    String functionalGroup();

    /** The document kinds this message carries. */
    Set<DocumentKind> kinds();

    /** Writes the body segments of {@code document} into {@code message}. */
    void write(CanonicalDocument document, EdiWriter.Message message);
}
