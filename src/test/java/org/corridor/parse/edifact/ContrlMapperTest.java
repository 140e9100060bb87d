package org.corridor.parse.edifact;

import static org.assertj.core.api.Assertions.assertThat;

import org.corridor.canonical.Acknowledgement;
import org.junit.jupiter.api.Test;

/** CONTRL actions and error levels to acknowledgement status and errors, in both service versions. */
class ContrlMapperTest {

    private static Acknowledgement ack(String version, String... segments) {
        return (Acknowledgement) EdifactMapperTestSupport.parse(null, "CONTRL:" + version + ":UN", segments)
                .get(0);
    }

    @Test
    void aRejectedInterchangeIsRejectedWithItsServiceSegmentError() {
        Acknowledgement a = ack("D:3", "UCI+CR0000200+CORRIDOR:ZZZ+USSMUS:ZZZ+4+29+UNZ+1");

        assertThat(a.status()).isEqualTo("REJECTED");
        assertThat(a.referencedInterchange()).isEqualTo("CR0000200");
        assertThat(a.referencedMessages()).isEmpty();
        assertThat(a.errors())
                .containsExactly(new Acknowledgement.Error(
                        "UNZ", null, "1", "29", "control count does not match number of instances received"));
    }

    @Test
    void aRejectedMessageInAnAcceptedInterchangeMeansAcceptedWithErrors() {
        Acknowledgement a = ack(
                "2:2",
                "UCI+CR0000201+CORRIDOR:ZZZ+USSMUS:ZZZ+7",
                "UCM+1+QALITY:D:96A:UN+7",
                "UCM+2+QALITY:D:96A:UN+4+12+BGM+1:1");

        assertThat(a.status()).isEqualTo("ACCEPTED_WITH_ERRORS");
        assertThat(a.referencedMessages()).containsExactly("1", "2");
        assertThat(a.errors()).containsExactly(new Acknowledgement.Error("BGM", null, "1.1", "12", "invalid value"));
    }

    @Test
    void everyAcceptedMessageMeansAccepted() {
        Acknowledgement a = ack("D:3", "UCI+CR0000202+CORRIDOR:ZZZ+USSMUS:ZZZ+7", "UCM+1+CUSDEC:D:96A:UN+7");

        assertThat(a.status()).isEqualTo("ACCEPTED");
        assertThat(a.errors()).isEmpty();
    }

    @Test
    void elementErrorsCarryTheirSegmentPosition() {
        Acknowledgement a = ack(
                "D:3",
                "UCI+CR0000203+CORRIDOR:ZZZ+USSMUS:ZZZ+7",
                "UCM+1+QALITY:D:96A:UN+4",
                "UCS+14",
                "UCD+12+1:2",
                "UCD+40+3",
                "UCS+20+35");

        assertThat(a.errors())
                .containsExactly(
                        new Acknowledgement.Error(null, 14, "1.2", "12", "invalid value"),
                        new Acknowledgement.Error(null, 14, "3", "40", "data element too short"),
                        new Acknowledgement.Error(
                                null, 20, null, "35", "too many data element or segment repetitions"));
    }
}
