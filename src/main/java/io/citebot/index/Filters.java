package io.citebot.index;

import java.time.LocalDate;

/**
 * Restrictions on what may be retrieved: a publication date range (inclusive) and a source (publisher name,
 * case-insensitive).
 *
 * @param includeUndated whether articles without a date pass a date range: no for a range the caller set,
 *                       yes for one read from the question's words (an undated article may still be about it)
 */
public record Filters(LocalDate from, LocalDate to, String source, boolean includeUndated) {

    public static final Filters NONE = new Filters(null, null, null, false);

    public Filters(LocalDate from, LocalDate to, String source) {
        this(from, to, source, false);
    }

    public Filters {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
        source = source == null || source.isBlank() ? null : source.strip();
    }

    public boolean hasDateRange() {
        return from != null || to != null;
    }

    /** These filters with a date range read from a question (undated articles pass). */
    public Filters withQuestionDates(LocalDate newFrom, LocalDate newTo) {
        return new Filters(newFrom, newTo, source, true);
    }
}
