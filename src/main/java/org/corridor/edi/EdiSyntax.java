package org.corridor.edi;

/**
 * How a partner wants its EDI written: the standard, the EDIFACT syntax identifier and version ({@code UNOC}, 3) or
 * the X12 ISA12 version ({@code 00401}), the delimiters, and whether each segment ends a line. EDIFACT partners get a
 * UNA service string whenever their delimiters differ from the defaults; release characters are added by StAEDI.
 */
public record EdiSyntax(
        String standard,
        String syntaxId,
        String syntaxVersion,
        char segmentTerminator,
        char elementSeparator,
        char componentSeparator,
        Character releaseCharacter,
        Character repetitionSeparator,
        boolean lineBreaks) {

    /** EDIFACT with the default delimiters {@code :+.? '}, Latin-1 (UNOC), syntax version 3, one segment per line. */
    public static EdiSyntax edifact() {
        return new EdiSyntax(EdiEnvelope.EDIFACT, "UNOC", "3", '\'', '+', ':', '?', null, true);
    }

    /** X12 004010 with {@code *} elements, {@code >} components, {@code ~} terminators, one segment per line. */
    public static EdiSyntax x12() {
        return new EdiSyntax(EdiEnvelope.X12, null, "00401", '~', '*', '>', null, null, true);
    }

    public boolean isX12() {
        return EdiEnvelope.X12.equals(standard);
    }

    public EdiSyntax withSyntax(String id, String version) {
        return new EdiSyntax(
                standard,
                id,
                version,
                segmentTerminator,
                elementSeparator,
                componentSeparator,
                releaseCharacter,
                repetitionSeparator,
                lineBreaks);
    }

    public EdiSyntax withDelimiters(char segment, char element, char component, Character release) {
        return new EdiSyntax(
                standard,
                syntaxId,
                syntaxVersion,
                segment,
                element,
                component,
                release,
                repetitionSeparator,
                lineBreaks);
    }

    public EdiSyntax withLineBreaks(boolean breaks) {
        return new EdiSyntax(
                standard,
                syntaxId,
                syntaxVersion,
                segmentTerminator,
                elementSeparator,
                componentSeparator,
                releaseCharacter,
                repetitionSeparator,
                breaks);
    }
}
