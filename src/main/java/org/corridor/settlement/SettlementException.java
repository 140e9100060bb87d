package org.corridor.settlement;

/**
 * A settlement that cannot be computed from what was given (a missing assay value, an umpire result needed, terms
 * that do not fit the basis); the message names the input and what was expected, in plain words.
 */
public class SettlementException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SettlementException(String message) {
        super(message);
    }
}
