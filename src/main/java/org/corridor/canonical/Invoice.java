package org.corridor.canonical;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Body of an INVOICE: {@code invoiceType} COMMERCIAL, PROVISIONAL, FINAL, DEBIT_NOTE or CREDIT_NOTE; amounts in
 * {@code currency} (ISO 4217), exact decimals.
 */
public record Invoice(
        String invoiceNo,
        String invoiceType,
        LocalDate issueDate,
        Party seller,
        Party buyer,
        String contractRef,
        String currency,
        Incoterm incoterm,
        List<Line> lines,
        BigDecimal totalAmount)
        implements DocumentBody {

    public Invoice {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.INVOICE;
    }

    /** One invoiced item. */
    public record Line(
            Integer lineNo,
            String description,
            String hsCode,
            Quantity quantity,
            BigDecimal unitPrice,
            BigDecimal amount) {}
}
