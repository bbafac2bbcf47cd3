package com.sealflow.server.seal;

import java.util.Set;

/**
 * The 13-digit seal filing code (印章备案编码) issued by the public security bureau: a 6-digit
 * administrative division code followed by a 7-digit serial. We check the shape and that the first two
 * digits name a province-level division, which catches most typos without a full division table.
 */
public final class FilingCode {

    private static final Set<String> PROVINCES = Set.of(
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82");

    private FilingCode() {
    }

    /** {@code null} when valid, else why not. */
    public static String problem(String code) {
        if (code == null || code.length() != 13 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "must be exactly 13 digits";
        }
        if (!PROVINCES.contains(code.substring(0, 2))) {
            return "must start with a province-level division code (e.g. 11 for Beijing, 31 for Shanghai)";
        }
        if (code.substring(6).equals("0000000")) {
            return "serial part must not be all zeros";
        }
        return null;
    }
}
