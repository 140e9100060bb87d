package org.corridor.canonical;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Body of a CUSTOMS_DECLARATION: an export (or import) goods declaration, its lines and containers. */
public record CustomsDeclaration(
        String jurisdiction,
        String direction,
        String procedure,
        String declarationNo,
        LocalDate declarationDate,
        Party exporter,
        Party consignee,
        Party declarant,
        String portOfLoading,
        String portOfDischarge,
        String destinationCountry,
        Incoterm incoterm,
        String currency,
        String invoiceNo,
        BigDecimal totalValue,
        FinancialInstrument financialInstrument,
        List<Line> lines,
        List<Container> containers)
        implements DocumentBody {

    public CustomsDeclaration {
        lines = lines == null ? List.of() : List.copyOf(lines);
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.CUSTOMS_DECLARATION;
    }

    /**
     * How the exporter is paid: LC, ADVANCE, OPEN_ACCOUNT or CONTRACT, with its number, bank and currency (ISO 4217,
     * when the source names one: in Pakistan the invoice must be in the instrument's currency).
     */
    public record FinancialInstrument(String type, String number, String bank, String currency) {

        /** An instrument whose source carries no currency (EDIFACT CUSDEC's FII has no place for one). */
        public FinancialInstrument(String type, String number, String bank) {
            this(type, number, bank, null);
        }
    }

    /** One declared item: tariff code, quantity, weights, value, origin. */
    public record Line(
            Integer lineNo,
            String hsCode,
            String description,
            Quantity quantity,
            BigDecimal grossWeightKg,
            BigDecimal netWeightKg,
            BigDecimal value,
            String originCountry) {}

    /** A container and its seal. */
    public record Container(String containerNo, String sealNo) {}
}
