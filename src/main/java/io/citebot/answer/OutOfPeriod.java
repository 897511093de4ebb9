package io.citebot.answer;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Honest about time: a question about "this week" or "this year" answered only from articles of another period
 * would pass old coverage off as current ("Which stadium will host this year's Winter Olympics opening?" answered
 * with Beijing 2022 in 2026). Such an answer opens by saying when the archive's coverage is from.
 */
public final class OutOfPeriod {

    /** An article this many days outside the asked period still counts (a story reported just before the week asked). */
    static final int SLACK_DAYS = 7;

    private OutOfPeriod() {
    }

    /**
     * {@code answer}, or, when every dated article it cites lies outside {@code from}..{@code to} (widened by
     * {@value #SLACK_DAYS} days), the same answer opened by a sentence saying when those articles are from, and
     * without a short answer (a bold fact from another period would read as current). Answers citing no dated
     * article are kept as they are: nothing tells their period.
     */
    public static Answer check(Answer answer, LocalDate from, LocalDate to) {
        if (answer.refused() || from == null || to == null) {
            return answer;
        }
        LocalDate lo = from.minusDays(SLACK_DAYS);
        LocalDate hi = to.plusDays(SLACK_DAYS);
        List<LocalDate> dates = answer.citations().stream().map(Citation::date).filter(Objects::nonNull).sorted().toList();
        if (dates.isEmpty() || dates.stream().anyMatch(d -> !d.isBefore(lo) && !d.isAfter(hi))) {
            return answer;
        }
        String note = "The articles I have on this are from " + coverage(dates.getFirst(), dates.getLast()) + ", not from "
                + asked(from, to) + "; what they say may have changed since. ";
        return new Answer(note + answer.text(), false, answer.citations(), answer.confidence(), answer.unsupported(),
                answer.fallback(), answer.related(), null).withTimeline(answer.timeline());
    }

    /** When articles are from, in months: "April 2025", "March–May 2022", "December 2023–January 2024". */
    static String coverage(LocalDate first, LocalDate last) {
        if (first.getYear() != last.getYear()) {
            return month(first) + " " + first.getYear() + "–" + month(last) + " " + last.getYear();
        }
        String a = month(first);
        String b = month(last);
        return (a.equals(b) ? a : a + "–" + b) + " " + first.getYear();
    }

    /** The period asked about: "2026" (this year), "December 2026" (this month), else its first and last day. */
    static String asked(LocalDate from, LocalDate to) {
        if (from.getDayOfYear() == 1 && to.getYear() == from.getYear() && to.getMonthValue() > from.getMonthValue()) {
            return String.valueOf(from.getYear());
        }
        if (from.getDayOfMonth() == 1 && to.getYear() == from.getYear() && to.getMonth() == from.getMonth()) {
            return month(from) + " " + from.getYear();
        }
        return from.equals(to) ? from.toString() : from + " to " + to;
    }

    private static String month(LocalDate d) {
        return d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
