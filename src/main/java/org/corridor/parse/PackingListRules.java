package org.corridor.parse;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The business rules every packing list layout shares (fixed-width and CSV), so both forms accept and refuse the same
 * lists: ISO 6346 container numbers and net = gross − tare.
 */
public final class PackingListRules {

    /** Weighbridges round to the nearest 10 g; a larger gap between net and gross − tare is a typing error. */
    public static final BigDecimal WEIGHT_TOLERANCE_KG = new BigDecimal("0.01");

    private static final Pattern CONTAINER = Pattern.compile("[A-Z]{3}[UJZ]\\d{7}");

    private PackingListRules() {}

    /** Why the container number is not valid, in words for a clerk, or null if it is valid. */
    public static String containerProblem(String containerNo) {
        if (!CONTAINER.matcher(containerNo).matches()) {
            return "\"" + containerNo + "\" is not an ISO 6346 container number. It must be 11 characters: a 3-letter"
                    + " owner code, the category letter U, J or Z, a 6-digit serial number and a check digit, for"
                    + " example TGHU8144721.";
        }
        int expected = checkDigit(containerNo.substring(0, 10));
        int actual = containerNo.charAt(10) - '0';
        if (expected != actual) {
            return "The check digit of container " + containerNo + " is " + actual + " but ISO 6346 gives " + expected
                    + " for " + containerNo.substring(0, 10) + ". The number is probably mistyped.";
        }
        return null;
    }

    /**
     * The ISO 6346 check digit of the first 10 characters: letters count 10 upwards skipping multiples of 11, each
     * character is weighted 2^position, and the sum modulo 11 (10 counting as 0) is the digit.
     */
    public static int checkDigit(String first10) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = first10.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : letterValue(c);
            sum += value << i;
        }
        return sum % 11 % 10;
    }

    /** A=10, B=12 … K=21, L=23 … U=32, V=34 …: counting from 10 and skipping 11, 22 and 33. */
    private static int letterValue(char letter) {
        int value = 10;
        for (char c = 'A'; c < letter; c++) {
            value++;
            if (value % 11 == 0) {
                value++;
            }
        }
        return value;
    }

    /** Whether net differs from gross − tare by more than the tolerance. */
    public static boolean netMismatch(BigDecimal gross, BigDecimal tare, BigDecimal net) {
        return gross.subtract(tare).subtract(net).abs().compareTo(WEIGHT_TOLERANCE_KG) > 0;
    }
}
