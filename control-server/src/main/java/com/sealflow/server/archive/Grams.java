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
