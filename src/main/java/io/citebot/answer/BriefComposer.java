package io.citebot.answer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the sentences of a brief: one idea each, from as many different articles as there are slots, then
 * newest article first. Pure functions over scored candidates.
 */
final class BriefComposer {

    /** Weight of a sentence's place in its article (the lede states the story) against its coverage of the topic. */
    static final double POSITION = 0.5;
    /** A sentence with fewer content words than this says too little for a brief. */
    static final int MIN_TERMS = 6;

    private BriefComposer() {
    }

    /**
     * The best candidate of each article first (articles in order of those), then second-best ones while slots
     * remain; a sentence that repeats one already chosen is skipped.
     */
    static List<Candidate> pick(List<Candidate> candidates, int slots, double duplicateOverlap) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::rank));
        List<Candidate> picked = new ArrayList<>();
        for (int round = 0; round < 2 && picked.size() < slots; round++) {
            Set<String> articlesThisRound = new HashSet<>();
            for (Candidate c : sorted) {
                if (picked.size() == slots) {
                    break;
                }
                String article = c.hit().article().id();
                long already = picked.stream().filter(p -> p.hit().article().id().equals(article)).count();
                if (already != round || articlesThisRound.contains(article) || picked.contains(c)
                        || picked.stream().anyMatch(p -> overlap(p.terms(), c.terms()) >= duplicateOverlap)) {
                    continue;
                }
                picked.add(c);
                articlesThisRound.add(article);
            }
        }
        return picked;
    }

    /** Newest article first (undated last), and within an article in reading order. */
    static List<Candidate> newestFirst(List<Candidate> picked) {
        List<Candidate> out = new ArrayList<>(picked);
        out.sort(Comparator.comparing((Candidate c) -> c.hit().article().date(), Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()))
                .thenComparing(c -> c.hit().article().id())
                .thenComparingInt(c -> c.hit().passage().start())
                .thenComparingInt(c -> c.sentence().start()));
        return out;
    }

    static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.equals(b) ? 1 : 0;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / Math.min(a.size(), b.size());
    }
}
