package org.corridor.canonical;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The typed references one canonical document carries, which tie it to the other documents of its shipment. A
 * contract spans many shipments, so it is kept but never joins two documents on its own; the shipment reference a
 * document declares (the exporter's, in the envelope's {@code shipmentRef}), lots, containers, B/L, booking,
 * declaration and invoice numbers do ({@link #strongKeys()}). A customs status only refers to its declaration
 * ({@link #linkOnly()}): it joins the declaration's shipment but never opens one.
 */
public record ShipmentReferences(
        String shipmentRef,
        boolean linkOnly,
        String contractRef,
        Set<String> lotNos,
        Set<String> containerNos,
        String blNo,
        String bookingNo,
        String declarationNo,
        String invoiceNo,
        String packingListNo,
        String siNo,
        String certificateNo) {

    /** Reference types that join documents into one dossier, as stored in {@code dossier_refs.ref_type}. */
    public enum Type {
        SHIPMENT,
        LOT,
        CONTAINER,
        BL,
        BOOKING,
        DECLARATION,
        INVOICE
    }

    /** The longest reference value a dossier stores. */
    public static final int MAX_LENGTH = 128;

    /** One joining reference: its type and value. */
    public record Key(Type type, String value) {}

    public ShipmentReferences {
        lotNos = lotNos == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(lotNos));
        containerNos = containerNos == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(containerNos));
    }

    /**
     * The references of this document, read from its body, and the shipment reference it declares (its envelope's
     * {@code shipmentRef} as parsed, before the gateway files it).
     */
    public static ShipmentReferences of(CanonicalDocument document) {
        ShipmentReferences body = ofBody(document);
        return new ShipmentReferences(
                blank(document.shipmentRef()),
                document.body() instanceof CustomsResponse,
                body.contractRef,
                body.lotNos,
                body.containerNos,
                body.blNo,
                body.bookingNo,
                body.declarationNo,
                body.invoiceNo,
                body.packingListNo,
                body.siNo,
                body.certificateNo);
    }

    private static ShipmentReferences ofBody(CanonicalDocument document) {
        Set<String> lots = new LinkedHashSet<>();
        Set<String> containers = new LinkedHashSet<>();
        if (document.body() instanceof AssayCertificate a) {
            a.results().stream().map(AssayResult::lotNo).forEach(v -> add(lots, v));
            return plain(
                    blank(a.contractRef()),
                    lots,
                    containers,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    blank(a.certificateNo()));
        }
        if (document.body() instanceof PackingList p) {
            p.packages().forEach(pk -> {
                add(lots, pk.lotNo());
                add(containers, pk.containerNo());
            });
            return plain(null, lots, containers, null, null, null, null, blank(p.packingListNo()), null, null);
        }
        if (document.body() instanceof ShippingDocument s) {
            s.goods().forEach(g -> g.lotNos().forEach(v -> add(lots, v)));
            s.equipment().forEach(e -> add(containers, e.containerNo()));
            boolean si = document.kind() == DocumentKind.SHIPPING_INSTRUCTION;
            String bl = blank(s.blNo()) != null ? blank(s.blNo()) : si ? null : blank(s.documentNo());
            return plain(
                    null,
                    lots,
                    containers,
                    bl,
                    blank(s.bookingNo()),
                    null,
                    null,
                    null,
                    si ? blank(s.documentNo()) : null,
                    null);
        }
        if (document.body() instanceof CustomsDeclaration d) {
            d.containers().forEach(c -> add(containers, c.containerNo()));
            return plain(
                    null,
                    lots,
                    containers,
                    null,
                    null,
                    blank(d.declarationNo()),
                    blank(d.invoiceNo()),
                    null,
                    null,
                    null);
        }
        if (document.body() instanceof Invoice i) {
            return plain(
                    blank(i.contractRef()), lots, containers, null, null, null, blank(i.invoiceNo()), null, null, null);
        }
        if (document.body() instanceof CustomsResponse r) {
            return plain(null, lots, containers, null, null, blank(r.declarationNo()), null, null, null, null);
        }
        if (document.body() instanceof TransportEvent e) {
            add(containers, e.containerNo());
            return plain(null, lots, containers, blank(e.blNo()), blank(e.bookingNo()), null, null, null, null, null);
        }
        return plain(null, lots, containers, null, null, null, null, null, null, null);
    }

    private static ShipmentReferences plain(
            String contractRef,
            Set<String> lotNos,
            Set<String> containerNos,
            String blNo,
            String bookingNo,
            String declarationNo,
            String invoiceNo,
            String packingListNo,
            String siNo,
            String certificateNo) {
        return new ShipmentReferences(
                null,
                false,
                contractRef,
                lotNos,
                containerNos,
                blNo,
                bookingNo,
                declarationNo,
                invoiceNo,
                packingListNo,
                siNo,
                certificateNo);
    }

    /** The references that join documents into one dossier (never the contract). */
    public List<Key> strongKeys() {
        List<Key> keys = new ArrayList<>();
        addKey(keys, Type.SHIPMENT, shipmentRef);
        lotNos.stream().sorted().forEach(v -> addKey(keys, Type.LOT, v));
        containerNos.stream().sorted().forEach(v -> addKey(keys, Type.CONTAINER, v));
        addKey(keys, Type.BL, blNo);
        addKey(keys, Type.BOOKING, bookingNo);
        addKey(keys, Type.DECLARATION, declarationNo);
        addKey(keys, Type.INVOICE, invoiceNo);
        return keys;
    }

    /**
     * The document's own main number, which names its dossier while no document of the shipment declares a shipment
     * reference: the packing list, B/L, SI or certificate number, the invoice number of an invoice, and for a
     * declaration its invoice number (the exporter's commercial reference, known before the customs number is) else
     * its declaration number. Null for a customs status, which never names a dossier.
     */
    public String mainNumber() {
        if (linkOnly) {
            return null;
        }
        for (String candidate :
                new String[] {packingListNo, blNo, siNo, certificateNo, invoiceNo, declarationNo, bookingNo}) {
            if (usable(candidate)) {
                return candidate;
            }
        }
        return lotNos.stream()
                .filter(ShipmentReferences::usable)
                .sorted()
                .findFirst()
                .orElse(containerNos.stream()
                        .filter(ShipmentReferences::usable)
                        .sorted()
                        .findFirst()
                        .orElse(null));
    }

    private static void addKey(List<Key> keys, Type type, String value) {
        if (usable(value)) {
            keys.add(new Key(type, value));
        }
    }

    /**
     * Whether a value can stand for a reference: there, and no longer than the dossiers store one
     * ({@value #MAX_LENGTH} characters, {@code dossier_refs.ref_value} and {@code dossiers.shipment_ref}). A longer
     * value is no number a partner issues (the fuzzer sent a booking number of 5,000 characters, which failed every
     * attempt to file it): it ties the document to nothing, and the document is filed by its other references or
     * held for want of one, like a document that carries none.
     */
    private static boolean usable(String value) {
        return value != null && value.length() <= MAX_LENGTH;
    }

    private static void add(Set<String> set, String value) {
        String v = blank(value);
        if (v != null) {
            set.add(v);
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
