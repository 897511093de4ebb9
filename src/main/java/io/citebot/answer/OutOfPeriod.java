package io.citebot.answer;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Honest about time: a question about "this week" or "this year" answered only from articles of another period
 * would pass old coverage off as current ("Which stadium will host this year's Winter Olympics opening?" answered
 * with Beijing 2022 in 2026). Such an answer opens by saying when the archive's coverage is from. A question that
 * names a later year than all its articles, which never mention that year, is refused or says so.
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
        return opened(answer, "The articles I have on this are from " + coverage(dates.getFirst(), dates.getLast()) + ", not from "
                + asked(from, to) + "; what they say may have changed since. ");
    }

    /** {@code answer} opened by {@code note}, without its short answer (a bold fact from another period would read as current). */
    private static Answer opened(Answer answer, String note) {
        return new Answer(note + answer.text(), false, answer.citations(), answer.confidence(), answer.unsupported(),
                answer.fallback(), answer.related(), null).withTimeline(answer.timeline());
    }

    private static final Pattern YEAR = Pattern.compile("(?<![\\p{L}\\p{N}])(1[89]\\d\\d|20\\d\\d)(?![\\p{L}\\p{N}])");

    /**
     * A question that names a year ("after the 2024 event") answered only from articles written before that year,
     * none of whose cited passages mentions it: they cannot report on that year, and answering with them would pass
     * older coverage off as that year's. When the articles are from at least a year before it and the question asks
     * for a fact (a name, a date, a number), the answer becomes a refusal that says when the articles are from and
     * points at them; otherwise (coverage written just before the year, such as a budget for it; or a question that
     * older coverage may still explain, such as an annual event's purpose) it opens with that instead, without a
     * short answer. Answers citing an undated article, an article of that year or later, or a passage that mentions
     * the year (a preview, a plan) are kept.
     */
    public static Answer check(Answer answer, String question) {
        if (answer.refused() || answer.citations().isEmpty()) {
            return answer;
        }
        int year = 0;
        Matcher m = YEAR.matcher(question);
        while (m.find()) {
            year = Math.max(year, Integer.parseInt(m.group(1)));
        }
        int asked = year;
        String named = String.valueOf(year);
        if (year == 0 || answer.citations().stream().anyMatch(c -> c.date() == null || c.date().getYear() >= asked
                || c.text().contains(named))) {
            return answer;
        }
        List<LocalDate> dates = answer.citations().stream().map(Citation::date).sorted().toList();
        String from = "The articles I have on this are from " + coverage(dates.getFirst(), dates.getLast()) + ", before " + year
                + ", and none of them mentions " + year;
        if (dates.getLast().getYear() == year - 1 || AnswerType.of(question) == AnswerType.OTHER) {
            return opened(answer, from + "; what they say may not be about " + year + ". ");
        }
        return Closest.refusal(from + ", so I can't answer it.", answer.confidence(), answer.citations());
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
