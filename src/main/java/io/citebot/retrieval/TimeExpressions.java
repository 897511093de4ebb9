package io.citebot.retrieval;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the time a question names ("in April 2025", "last week", "since 2023", "latest") as a date range or a
 * wish for recent articles, relative to a given "now" (chosen by the caller).
 * Relative words are taken out of the question, so they are not searched as topic words; named dates stay.
 */
public final class TimeExpressions {

    /**
     * What a question says about time.
     *
     * @param from      start of the range, or null
     * @param to        end of the range, or null
     * @param recent    the question asks for the latest news
     * @param remainder the question without the time words
     * @param relative  the range counts back from "now" ("this week", "past 3 days") rather than naming dates
     */
    public record Scope(LocalDate from, LocalDate to, boolean recent, String remainder, boolean relative) {
        public Scope(LocalDate from, LocalDate to, boolean recent, String remainder) {
            this(from, to, recent, remainder, false);
        }
    }

    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
    private static final Pattern DAY = Pattern.compile(
            "(?i)\\b(?:on\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(" + MONTHS + ")|(" + MONTHS + ")\\s+(\\d{1,2})(?:st|nd|rd|th)?,?)\\s+((?:19|20)\\d\\d)\\b");
    private static final Pattern MONTH = Pattern.compile("(?i)\\b(?:(in|during|since|from|after|before|until|by)\\s+)?(" + MONTHS + ")(?:\\s+of)?\\s+((?:19|20)\\d\\d)\\b");
    private static final Pattern YEAR = Pattern.compile("(?i)\\b(in|during|since|from|after|before|until|by)\\s+((?:19|20)\\d\\d)\\b");
    private static final Pattern RELATIVE = Pattern.compile(
            "(?i)\\b(today|yesterday|this week|last week|past week|this month|last month|past month|this year|last year|past year"
                    + "|(?:(?:in|from|over|during) the )?(?:past|last) (\\d{1,3}) (day|week|month|year)s?)\\b");
    private static final Pattern RECENT = Pattern.compile(
            "(?i)\\b(?:the )?(latest|most recent|newest|recently|lately|recent|currently|right now|these days)\\b");

    private TimeExpressions() {
    }

    /**
     * @param now the date relative words count from; asked for only when the question has such words, since
     *            finding the newest article costs a search
     */
    public static Scope parse(String question, Supplier<LocalDate> now) {
        Matcher m = DAY.matcher(question);
        if (m.find()) {
            String month = m.group(2) != null ? m.group(2) : m.group(3);
            String day = m.group(1) != null ? m.group(1) : m.group(4);
            try {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(5)), month(month), Integer.parseInt(day));
                return scope(question, m, d, d);
            } catch (DateTimeException e) {
                // "31 February": not a date, read no range
            }
        }
        m = MONTH.matcher(question);
        if (m.find()) {
            YearMonth ym = YearMonth.of(Integer.parseInt(m.group(3)), month(m.group(2)));
            return bounded(question, m, m.group(1), ym.atDay(1), ym.atEndOfMonth());
        }
        m = YEAR.matcher(question);
        if (m.find()) {
            int year = Integer.parseInt(m.group(2));
            return bounded(question, m, m.group(1), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        }
        m = RELATIVE.matcher(question);
        if (m.find() && now.get() != null) {
            return relative(question, m, now.get());
        }
        m = RECENT.matcher(question);
        if (m.find()) {
            return new Scope(null, null, true, remove(question, m));
        }
        return new Scope(null, null, false, question);
    }

    private static Scope relative(String question, Matcher m, LocalDate now) {
        Scope s = relativeRange(question, m, now);
        return new Scope(s.from(), s.to(), s.recent(), remove(question, m), true);
    }

    private static Scope relativeRange(String question, Matcher m, LocalDate now) {
        String phrase = m.group(1).toLowerCase(Locale.ROOT);
        if (m.group(2) != null) {
            int n = Integer.parseInt(m.group(2));
            LocalDate from = switch (m.group(3).toLowerCase(Locale.ROOT)) {
                case "day" -> now.minusDays(n);
                case "week" -> now.minusWeeks(n);
                case "month" -> now.minusMonths(n);
                default -> now.minusYears(n);
            };
            return scope(question, m, from, now);
        }
        return switch (phrase) {
            case "today" -> scope(question, m, now, now);
            case "yesterday" -> scope(question, m, now.minusDays(1), now.minusDays(1));
            case "this week" -> scope(question, m, now.with(DayOfWeek.MONDAY), now);
            case "last week", "past week" -> scope(question, m, now.minusWeeks(1), now);
            case "this month" -> scope(question, m, now.withDayOfMonth(1), now);
            case "last month", "past month" -> scope(question, m, now.minusMonths(1), now);
            case "this year" -> scope(question, m, now.withDayOfYear(1), now);
            case "past year" -> scope(question, m, now.minusYears(1), now);
            default -> scope(question, m, LocalDate.of(now.getYear() - 1, 1, 1), LocalDate.of(now.getYear() - 1, 12, 31));
        };
    }

    /** "since April 2025" opens the range's end; "before 2024" its start. */
    private static Scope bounded(String question, Matcher m, String preposition, LocalDate from, LocalDate to) {
        String p = preposition == null ? "in" : preposition.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "since", "from", "after" -> scope(question, m, p.equals("after") ? to.plusDays(1) : from, null);
            case "before" -> scope(question, m, null, from.minusDays(1));
            case "until", "by" -> scope(question, m, null, to);
            default -> scope(question, m, from, to);
        };
    }

    /**
     * A named date ("in April 2025", "in 1995") stays in the searched text: the words are content too (an
     * article that mentions 1995, an archive with no dates); only relative words ("last week") are taken out.
     */
    private static Scope scope(String question, Matcher m, LocalDate from, LocalDate to) {
        return new Scope(from, to, false, question);
    }

    private static String remove(String question, Matcher m) {
        String rest = (question.substring(0, m.start()) + " " + question.substring(m.end())).replaceAll("\\s{2,}", " ").strip();
        rest = rest.replaceAll("\\s+([?.!,])", "$1");
        return rest.isBlank() ? question : rest;
    }

    private static Month month(String name) {
        return Month.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
