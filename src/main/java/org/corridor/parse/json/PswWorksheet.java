package org.corridor.parse.json;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The clearing agent's worksheet as JSON (schema psw-worksheet-1): a DTO, bound only after the schema accepted it. */
record PswWorksheet(
        String worksheetVersion,
        String shipmentRef,
        String declarationType,
        String procedure,
        String gdNumber,
        LocalDate gdDate,
        Trader exporter,
        Trader consignee,
        Trader declarant,
        Instrument financialInstrument,
        String invoiceNo,
        String currency,
        BigDecimal totalValue,
        Terms incoterm,
        String portOfLoading,
        String portOfDischarge,
        String destinationCountry,
        List<Line> lines,
        List<Container> containers) {

    /** Exporter, consignee or declarant with the tax ids the worksheet carries. */
    record Trader(String name, String country, String ntn, String strn, String ein, String address) {}

    /** Financial instrument registered with the bank for the export proceeds. */
    record Instrument(String type, String number, String bank, String currency) {}

    /** Incoterms rule, named place and edition. */
    record Terms(String rule, String place, String version) {}

    /** Quantity in the tariff's unit. */
    record Amount(BigDecimal value, String unit, String basis) {}

    /** One item of the declaration. */
    record Line(
            Integer lineNo,
            String hsCode,
            String description,
            Amount quantity,
            BigDecimal grossWeightKg,
            BigDecimal netWeightKg,
            BigDecimal value,
            String originCountry) {}

    /** A container stuffed for the declaration, with its seal. */
    record Container(String containerNo, String sealNo) {}
}
