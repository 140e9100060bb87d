package org.corridor.canonical;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The body SHIPPING_INSTRUCTION and BILL_OF_LADING share. {@code notifyParty} is the contract's {@code notify} (a
 * record component may not be called notify; {@link CanonicalJson} writes the contract's name). Which of the two a document is, the parser says (see
 * {@code ParsedMessage.kind()}); on its own this body counts as a bill of lading.
 */
public record ShippingDocument(
        String documentNo,
        String bookingNo,
        String blNo,
        Party shipper,
        Party consignee,
        Party notifyParty,
        Party carrier,
        Vessel vessel,
        String portOfLoading,
        String portOfDischarge,
        String placeOfDelivery,
        LocalDate shippedOnBoardDate,
        String freightTerms,
        List<Goods> goods,
        List<Equipment> equipment)
        implements DocumentBody {

    public ShippingDocument {
        goods = goods == null ? List.of() : List.copyOf(goods);
        equipment = equipment == null ? List.of() : List.copyOf(equipment);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.BILL_OF_LADING;
    }

    /** One goods line: description, tariff code, packages, weights and the lots it carries. */
    public record Goods(
            Integer lineNo,
            String description,
            String hsCode,
            Integer packageCount,
            String packageKind,
            BigDecimal grossWeightKg,
            BigDecimal netWeightKg,
            List<String> lotNos) {
        public Goods {
            lotNos = lotNos == null ? List.of() : List.copyOf(lotNos);
        }
    }

    /** A container: number, ISO size-type, seals and verified gross mass. */
    public record Equipment(String containerNo, String sizeType, List<String> seals, BigDecimal vgmKg) {
        public Equipment {
            seals = seals == null ? List.of() : List.copyOf(seals);
        }
    }
}
