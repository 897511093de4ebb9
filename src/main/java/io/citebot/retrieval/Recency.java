package io.citebot.retrieval;

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

    static double bonus(LocalDate date, LocalDate now) {
        if (date == null) {
            return 0;
        }
        long age = Math.max(0, ChronoUnit.DAYS.between(date, now));
        return WEIGHT * Math.pow(2, -age / HALF_LIFE_DAYS);
    }
}
