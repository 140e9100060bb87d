package org.corridor.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reasons quote the file; what cannot be seen in the quote is written so that it can. */
class VisibleTextTest {

    @Test
    void aReasonQuotingControlCharactersShowsThemInsteadOfCarryingThem() {
        // a line break would split the error note and forge a log line; an escape would drive a terminal
        Problem problem = new Problem(
                ErrorCode.CSV_DATE,
                new Location(5, 7, "date\u0000", null, null),
                "\"2025-1\u0010-08\" is not a valid date.\nCode: FAKE\u001B[31m \u202Eevil");

        assertThat(problem.message())
                .isEqualTo(
                        "\"2025-1<U+0010>-08\" is not a valid date.<U+000A>Code: " + "FAKE<U+001B>[31m <U+202E>evil");
        assertThat(problem.location().field()).isEqualTo("date<U+0000>");
        assertThat(problem.describe()).doesNotContain("\n").doesNotContain("\u001B");
    }

    @Test
    void leavesOrdinaryTextAndLettersOfAnyScriptAlone() {
        assertThat(VisibleText.of("Lab Ünïcode 日本 \"2O.45\" <0.5")).isEqualTo("Lab Ünïcode 日本 \"2O.45\" <0.5");
        assertThat(VisibleText.of(null)).isNull();
    }
}
