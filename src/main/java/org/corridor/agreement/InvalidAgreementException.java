package org.corridor.agreement;

/** An agreement file that cannot be used; the previous version of the agreement stays in force. */
public class InvalidAgreementException extends RuntimeException {

    public InvalidAgreementException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidAgreementException(String message) {
        super(message);
    }
}
