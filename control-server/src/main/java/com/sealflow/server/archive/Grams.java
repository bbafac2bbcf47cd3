package com.sealflow.server.archive;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Character bigrams for the archive search, the same way on SQLite (FTS5) and PostgreSQL (GIN over a tsvector): the
 * lower-cased text is cut into runs of letters and digits, each run into overlapping pairs of characters, and each
 * pair is written as an ASCII token ({@code g<cp36>x<cp36>}) so that neither database's tokenizer has to understand
 * Chinese. A query's bigrams narrow the candidates through the index; a substring test on the text then decides.
 */
final class Grams {

    private Grams() {
    }

    /** Space-separated distinct tokens of {@code text}. */
    static String tokens(String text) {
        return String.join(" ", set(text));
    }

    /** Bigrams found in a large share of any company's records: they narrow nothing and slow the index merge. */
    private static final Set<String> COMMON = Set.of("有限", "限公", "公司", "股份", "份有", "集团", "责任", "任公", "科技", "技有");
    private static final int MAX_QUERY_TOKENS = 4;

    /**
     * The tokens a query looks up: its distinct bigrams minus the common ones (company suffixes, all-digit pairs such as
     * years) unless nothing else is left, at most {@value #MAX_QUERY_TOKENS} spread over the text. The substring test
     * that follows the index decides, so leaving tokens out only widens the candidates, never changes the answer.
     */
    static Set<String> query(String text) {
        Set<String> all = set(text);
        java.util.List<String> pairs = pairs(text);
        java.util.List<String> useful = new java.util.ArrayList<>();
        for (String p : pairs) {
            if (!COMMON.contains(p) && !p.chars().allMatch(Character::isDigit)) {
                useful.add(token(p));
            }
        }
        java.util.List<String> chosen = useful.isEmpty() ? new java.util.ArrayList<>(all) : useful;
        chosen = new java.util.ArrayList<>(new LinkedHashSet<>(chosen));
        if (chosen.size() <= MAX_QUERY_TOKENS) {
            return new LinkedHashSet<>(chosen);
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < MAX_QUERY_TOKENS; i++) {
            out.add(chosen.get(i * (chosen.size() - 1) / (MAX_QUERY_TOKENS - 1)));
        }
        return out;
    }

    private static java.util.List<String> pairs(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int[] cps = text.toLowerCase(Locale.ROOT).codePoints().toArray();
        for (int i = 0; i + 1 < cps.length; i++) {
            if (Character.isLetterOrDigit(cps[i]) && Character.isLetterOrDigit(cps[i + 1])) {
                out.add(new String(cps, i, 2));
            }
        }
        return out;
    }

    private static String token(String pair) {
        int[] cps = pair.codePoints().toArray();
        return "g" + Integer.toString(cps[0], 36) + "x" + Integer.toString(cps[1], 36);
    }

    /** Distinct tokens; empty when the text has no run of two or more letters/digits. */
    static Set<String> set(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        int[] cps = text.toLowerCase(Locale.ROOT).codePoints().toArray();
        for (int i = 0; i + 1 < cps.length; i++) {
            if (Character.isLetterOrDigit(cps[i]) && Character.isLetterOrDigit(cps[i + 1])) {
                out.add("g" + Integer.toString(cps[i], 36) + "x" + Integer.toString(cps[i + 1], 36));
            }
        }
        return out;
    }
}
