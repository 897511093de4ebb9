package io.citebot.retrieval;

import io.citebot.index.Hit;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/** Re-ranks hits for questions that ask for the latest news: relevance first, with a bonus for newer articles. */
public final class Recency {

    /** Bonus of an article from "now", relative to the best hit's score (1). */
    static final double WEIGHT = 0.3;
    /** Age at which the bonus has fallen to half. */
    static final double HALF_LIFE_DAYS = 30;

    private Recency() {
    }

    /** The best {@code k} of {@code hits} by {@code score / best + WEIGHT * 2^(-age / HALF_LIFE)}; undated articles get no bonus. */
    public static List<Hit> rerank(List<Hit> hits, LocalDate now, int k) {
        if (hits.isEmpty() || now == null) {
            return hits.stream().limit(k).toList();
        }
        double best = hits.stream().mapToDouble(Hit::score).max().orElse(1);
        double scale = best > 0 ? best : 1;
        return hits.stream()
                .map(h -> h.withScore(h.score() / scale + bonus(h.article().date(), now)))
                .sorted(Comparator.comparingDouble(Hit::score).reversed())
                .limit(k)
                .toList();
    }

    /**
     * The best {@code k} of {@code hits} with a bonus for articles dated in or near {@code [from, to]}: the
     * soft form of a date range counted back from "now" ("this week"), for questions that also say what they
     * are about. News of the week before, or a report dated the morning after, is not ruled out; it only loses
     * the bonus as its distance from the window grows ({@value #WINDOW_SLACK_DAYS} days free, then halving every
     * week).
     */
    public static List<Hit> rerankAround(List<Hit> hits, LocalDate from, LocalDate to, int k) {
        if (hits.isEmpty()) {
            return hits;
        }
        double best = hits.stream().mapToDouble(Hit::score).max().orElse(1);
        double scale = best > 0 ? best : 1;
        return hits.stream()
                .map(h -> h.withScore(h.score() / scale + windowBonus(h.article().date(), from, to)))
                .sorted(Comparator.comparingDouble(Hit::score).reversed())
                .limit(k)
                .toList();
    }

    /**
     * Bonus of an article dated in a question's time window ("this week"), relative to the best hit's score (1):
     * a passage half as relevant as the best one, but from the week asked about, comes first. Measured on the news
     * set (docs/benchmarks.md, "Retrieval on news"): 0.3 let a six-year-old box-office report outrank that week's.
     */
    static final double WINDOW_WEIGHT = 0.5;
    /** Days either side of a window that still count as inside it. */
    static final int WINDOW_SLACK_DAYS = 3;
    /** Distance outside the window (beyond the slack) at which the bonus has fallen to half. */
    static final double WINDOW_HALF_LIFE_DAYS = 7;

    static double windowBonus(LocalDate date, LocalDate from, LocalDate to) {
        if (date == null) {
            return 0;
        }
        long before = from == null ? 0 : ChronoUnit.DAYS.between(date, from);
        long after = to == null ? 0 : ChronoUnit.DAYS.between(to, date);
        long outside = Math.max(0, Math.max(before, after) - WINDOW_SLACK_DAYS);
        return WINDOW_WEIGHT * Math.pow(2, -outside / WINDOW_HALF_LIFE_DAYS);
    }

    static double bonus(LocalDate date, LocalDate now) {
        if (date == null) {
            return 0;
        }
        long age = Math.max(0, ChronoUnit.DAYS.between(date, now));
        return WEIGHT * Math.pow(2, -age / HALF_LIFE_DAYS);
    }
}
