package com.sealflow.server.stats;

import com.sealflow.server.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The period a statistic covers, {@code [from, to)} in epoch millis. The API takes {@code from}/{@code to} as calendar
 * days in the company's zone ({@code 2026-11-01}, both inclusive) or as epoch millis; the default is the last 30 days.
 */
record Range(long from, long to) {

    static final int DEFAULT_DAYS = 30;
    private static final long MAX_SPAN_DAYS = 3700;

    static Range parse(String fromText, String toText, Clock clock, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        long to = toText == null || toText.isBlank() ? today.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli()
            : bound("to", toText, zone, true);
        long from = fromText == null || fromText.isBlank()
            ? LocalDate.ofInstant(Instant.ofEpochMilli(to), zone).minusDays(DEFAULT_DAYS).atStartOfDay(zone).toInstant().toEpochMilli()
            : bound("from", fromText, zone, false);
        if (from >= to) {
            throw ProblemException.invalidField("from", "from must be before to");
        }
        if (Duration.ofMillis(to - from).toDays() > MAX_SPAN_DAYS) {
            throw ProblemException.invalidField("from", "the period may span at most " + MAX_SPAN_DAYS + " days");
        }
        return new Range(from, to);
    }

    private static long bound(String field, String text, ZoneId zone, boolean endOfDay) {
        String t = text.trim();
        if (t.chars().allMatch(Character::isDigit) && t.length() <= 15) {
            return Long.parseLong(t);
        }
        try {
            LocalDate day = LocalDate.parse(t);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "expected a date like 2026-11-01 or epoch milliseconds");
        }
    }

    long days() {
        return Math.max(1, (to - from + 86_399_999L) / 86_400_000L);
    }
}
