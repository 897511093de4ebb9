package io.citebot.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a calendar date in the ways news pages write one. */
final class Dates {

    private static final String MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    /** Month names and their abbreviations as whole words. */
    static final Pattern MONTH_NAMES = Pattern.compile("(?i)\\b" + MONTH + "\\.?(?=\\W|$)");
    private static final Pattern ISO = Pattern.compile("\\b((?:19|20)\\d\\d)-(\\d{1,2})-(\\d{1,2})(?:\\b|T)");
    private static final Pattern NUMERIC = Pattern.compile("\\b(\\d{1,2})[-/.](\\d{1,2})[-/.]((?:19|20)\\d\\d)\\b");
    private static final Pattern MONTH_FIRST = Pattern.compile("(?i)\\b" + MONTH + " (\\d{1,2})(?:st|nd|rd|th)?,? ((?:19|20)\\d\\d)\\b");
    private static final Pattern DAY_FIRST = Pattern.compile("(?i)\\b(\\d{1,2})(?:st|nd|rd|th)? " + MONTH + ",? ((?:19|20)\\d\\d)\\b");

    private Dates() {
    }

    /**
     * The first date in {@code text}. All-numeric dates are read day first ("04-05-2025" is 4 May), as most
     * of the world writes them, unless only month first makes a valid date.
     */
    static Optional<LocalDate> find(String text) {
        Matcher m = ISO.matcher(text);
        if (m.find()) {
            return of(m.group(1), m.group(2), m.group(3));
        }
        m = MONTH_FIRST.matcher(text);
        if (m.find()) {
            return of(m.group(3), month(m.group(1)), m.group(2));
        }
        m = DAY_FIRST.matcher(text);
        if (m.find()) {
            return of(m.group(3), month(m.group(2)), m.group(1));
        }
        m = NUMERIC.matcher(text);
        if (m.find()) {
            Optional<LocalDate> dayFirst = of(m.group(3), m.group(2), m.group(1));
            return dayFirst.isPresent() ? dayFirst : of(m.group(3), m.group(1), m.group(2));
        }
        return Optional.empty();
    }

    /** Parses an ISO date or date-time prefix ("2025-04-04", "2025-04-04T16:01:00Z"); empty when it is not one. */
    static Optional<LocalDate> parseIso(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = ISO.matcher(value.strip());
        return m.lookingAt() ? of(m.group(1), m.group(2), m.group(3)) : Optional.empty();
    }

    private static String month(String name) {
        String key = name.toLowerCase(Locale.ROOT).substring(0, 3);
        for (Month month : Month.values()) {
            if (month.name().toLowerCase(Locale.ROOT).startsWith(key)) {
                return Integer.toString(month.getValue());
            }
        }
        throw new IllegalArgumentException("not a month: " + name);
    }

    private static Optional<LocalDate> of(String year, String month, String day) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
