package org.corridor.problem;

/**
 * Every finding Corridor reports about a document against its agreement, or about a shipment's documents against
 * each other. One closed list, documented in docs/rules.md and docs/mig/dossier-json.md; the text says in
 * plain language what the code means. Severity is decided where the finding is made (a quality limit gives a WARNING
 * at the penalty threshold and an ERROR at the rejection limit).
 */
public enum FindingCode {
    // --- agreement rules, one document at a time ---
    /** The document's commodity is not one the agreement covers. */
    COMMODITY_NOT_COVERED("the commodity is not covered by the agreement"),
    /** A declared HS code is not among the agreement's HS codes for any commodity it covers. */
    HS_NOT_ALLOWED("the HS code is not allowed under the agreement"),
    /** No permit of the agreement covers the declared HS code at all. */
    PERMIT_MISSING("no export permit covers this HS code"),
    /** The permits that cover the HS code are not valid on the declaration date. */
    PERMIT_NOT_VALID("the export permit is not valid on the declaration date"),
    /** The permit's quantity would be exceeded by this declaration. */
    PERMIT_EXCEEDED("the export permit's quantity would be exceeded"),
    /** The commodity's quota for the period would be exceeded by this declaration. */
    QUOTA_EXCEEDED("the quota for the commodity and period would be exceeded"),
    /** The same export declaration, already counted against quotas and permits, sent again as another document. */
    DUPLICATE_DECLARATION("the export declaration was already counted from another document"),
    /** A port of loading, discharge or delivery that the agreement does not allow. */
    PORT_NOT_ALLOWED("the port is not one the agreement allows"),
    /** An assay value above the agreement's penalty threshold (the buyer deducts a penalty). */
    QUALITY_PENALTY("an assay value is above the penalty threshold"),
    /** An assay value above the agreement's rejection limit. */
    QUALITY_REJECTED("an assay value is above the rejection limit"),
    /** An assay value below the agreement's minimum grade. */
    QUALITY_BELOW_MINIMUM("an assay value is below the minimum grade"),
    /** Bulk IMSBC Group A cargo whose assay gives no moisture (H2O) or no TML. */
    MOISTURE_MISSING("the moisture (H2O) or the transportable moisture limit (TML) is missing"),
    /** Moisture at or above the transportable moisture limit: the cargo may liquefy at sea. */
    MOISTURE_ABOVE_TML("the moisture is not below the transportable moisture limit (TML)"),
    /** Moisture measured more than the allowed number of days before loading. */
    MOISTURE_TOO_OLD("the moisture was measured too long before loading"),
    /** The invoice (or declared) currency is not the financial instrument's currency. */
    CURRENCY_MISMATCH("the currency is not the financial instrument's currency"),
    /** A partner's provisional or final invoice differs from what the agreement's pricing terms give (issue 17). */
    SETTLEMENT_DIFFERENCE("the invoice's amount differs from the settlement the agreement's pricing terms give"),
    // --- the shipment dossier: documents of one shipment against each other ---
    /** A required document of the shipment has not arrived yet (INFO while the dossier is open). */
    DOCUMENT_MISSING("a document the agreement requires for the shipment has not arrived"),
    /** A lot number in one document that another document of the shipment does not have. */
    LOT_MISMATCH("the lot numbers differ between documents of the shipment"),
    /** A container number in one document that another document of the shipment does not have. */
    CONTAINER_MISMATCH("the container numbers differ between documents of the shipment"),
    /** A container's seal differs between documents of the shipment. */
    SEAL_MISMATCH("a container's seal number differs between documents of the shipment"),
    /** The HS codes differ between documents of the shipment. */
    HS_MISMATCH("the HS codes differ between documents of the shipment"),
    /** Weights of the shipment differ between documents by more than the agreement's tolerance. */
    WEIGHT_MISMATCH("the weights differ between documents by more than the agreement's tolerance"),
    /** A dry weight that is not the wet weight × (1 − H2O/100) with the assay's moisture. */
    DRY_WEIGHT_MISMATCH("the dry weight is not the wet weight less the assay's moisture"),
    /** The lots' weights do not add up to the line's quantity. */
    LOT_SUM_MISMATCH("the weights of the lots do not add up to the line's quantity"),
    /** Documents tied to one shipment by their references declare different shipment references. */
    SHIPMENT_MISMATCH("documents of one shipment name different shipment references");

    private final String meaning;

    FindingCode(String meaning) {
        this.meaning = meaning;
    }

    /** What the code means, in a few plain words. */
    public String meaning() {
        return meaning;
    }
}
