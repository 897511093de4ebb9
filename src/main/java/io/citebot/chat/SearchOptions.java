package io.citebot.chat;

import io.citebot.index.Filters;
import io.citebot.config.RetrievalMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * How a door wants a question searched.
 *
 * @param mode    null for the configured mode
 * @param filters date range and source
 * @param now     the date relative time words count from; null for today in a live archive (its newest article
 *                under 30 days old), else the newest article's date
 */
public record SearchOptions(RetrievalMode mode, Filters filters, LocalDate now) {

    public static final SearchOptions DEFAULT = new SearchOptions(null, Filters.NONE, null);

    public SearchOptions {
        filters = filters == null ? Filters.NONE : filters;
    }

    /**
     * Reads the options as doors receive them, as text (any may be null).
     *
     * @throws InvalidInputException naming the field that is wrong
     */
    public static SearchOptions parse(String mode, String from, String to, String source, String now) {
        RetrievalMode m = null;
        if (mode != null && !mode.isBlank()) {
            try {
                m = RetrievalMode.parse(mode);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("mode must be bm25, dense or hybrid");
            }
        }
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (f != null && t != null && f.isAfter(t)) {
            throw new InvalidInputException("from (" + f + ") is after to (" + t + ")");
        }
        if (source != null && source.length() > 200) {
            throw new InvalidInputException("source is longer than 200 characters");
        }
        return new SearchOptions(m, new Filters(f, t, source), date("now", now));
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field + " must be a date as YYYY-MM-DD, was \"" + value + "\"");
        }
    }
}
