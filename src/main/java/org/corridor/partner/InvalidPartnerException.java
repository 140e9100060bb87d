package org.corridor.partner;

/** A partner file that cannot be used; the message names the file and the field. Refuses the gateway's start. */
public class InvalidPartnerException extends RuntimeException {

    public InvalidPartnerException(String message) {
        super(message);
    }

    public InvalidPartnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
