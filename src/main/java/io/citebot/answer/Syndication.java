package io.citebot.answer;

import io.citebot.index.ArticleRef;
import io.citebot.index.CopySketch;
import io.citebot.index.Hit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One story told once: passages of articles from different outlets that are copies of one report (the same wire story,
 * a statement or transcript printed whole, a light rewrite) are found by their shared word 5-grams, and only the
 * earliest copy is kept, carrying the others as "also reported by". The places the copies held go to other passages.
 * Measured on the two news sets (docs/benchmarks.md, "One story told once"): within one outlet, shared passages
 * were its own boilerplate, so such a copy frees its place but is not named as another report.
 */
public final class Syndication {

    /** The passages kept, best first, and the other copies of each kept passage's report, by its passage id. */
    public record Collapsed(List<Hit> kept, Map<String, List<ArticleRef>> copies) {
    }

    private Syndication() {
    }

    /**
     * Keeps one passage of each report among {@code hits} (ranked, best first): a group of copies is represented by
     * the earliest dated article's passage, at the place and with the score of the group's best-ranked one.
     */
    public static Collapsed collapse(List<Hit> hits) {
        return collapse(hits, Map.of());
    }

    /**
     * As {@link #collapse(List)}, with the copies of each hit's passage found elsewhere in the archive (by passage id,
     * {@code retrieval.StoryCopies}): they join its report, so the earliest copy is cited even when it was not
     * retrieved, and every outlet that printed it is named.
     */
    public static Collapsed collapse(List<Hit> hits, Map<String, List<Hit>> archived) {
        int n = hits.size();
        List<Set<Long>> shingles = new ArrayList<>(n);
        for (Hit h : hits) {
            shingles.add(CopySketch.shingles(h.passage().text()));
        }
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = i;
        }
        boolean any = false;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                Hit a = hits.get(i);
                Hit b = hits.get(j);
                if (!a.article().id().equals(b.article().id())
                        && CopySketch.copies(shingles.get(i), shingles.get(j), CopySketch.share(a.article(), b.article()))) {
                    union(group, i, j);
                    any = true;
                }
            }
        }
        if (!any && archived.values().stream().allMatch(List::isEmpty)) {
            return new Collapsed(hits, Map.of());
        }
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(find(group, i), g -> new ArrayList<>()).add(i);
        }
        List<Hit> kept = new ArrayList<>();
        Map<String, List<ArticleRef>> copies = new LinkedHashMap<>();
        // a passage of the archive may copy two retrieved passages that are not copies of each other (or be retrieved
        // itself in another group): it is cited once
        Set<String> citing = new HashSet<>();
        hits.forEach(h -> citing.add(h.passage().id()));
        for (List<Integer> m : members.values()) {
            Hit best = hits.get(m.getFirst());
            // copies under the best passage's own outlet are its boilerplate: dropped, the best passage kept; copies
            // from other outlets, retrieved or found in the archive, are one report, cited as its earliest copy
            List<Hit> reports = new ArrayList<>(List.of(best));
            m.stream().skip(1).map(hits::get).filter(h -> otherOutlets(best.article(), h.article())).forEach(reports::add);
            m.stream().map(i -> archived.getOrDefault(hits.get(i).passage().id(), List.of())).flatMap(List::stream)
                    .filter(h -> otherOutlets(best.article(), h.article())).forEach(reports::add);
            if (reports.size() == 1) {
                kept.add(best);
                continue;
            }
            Set<String> own = new HashSet<>();
            m.forEach(i -> own.add(hits.get(i).passage().id()));
            Hit earliest = reports.stream().filter(h -> own.contains(h.passage().id()) || !citing.contains(h.passage().id()))
                    .min(Comparator.comparing((Hit h) -> h.article().date(),
                            Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()))).orElseThrow();
            double similarity = Double.isNaN(earliest.similarity()) ? best.similarity() : Math.max(best.similarity(), earliest.similarity());
            kept.add(earliest == best ? best : new Hit(earliest.passage(), earliest.article(), best.score(), similarity, earliest.olderCopies()));
            citing.add(earliest.passage().id());
            List<ArticleRef> others = new ArrayList<>();
            Set<String> named = new HashSet<>(Set.of(earliest.article().id()));
            reports.stream().sorted(Comparator.comparing((Hit h) -> h.article().date(), Comparator.nullsLast(Comparator.<LocalDate>naturalOrder())))
                    .filter(h -> otherOutlets(earliest.article(), h.article()) && named.add(h.article().id()))
                    .forEach(h -> others.add(h.article()));
            if (!others.isEmpty()) {
                copies.put(earliest.passage().id(), List.copyOf(others));
            }
        }
        return new Collapsed(kept, copies);
    }

    /**
     * Whether a copy is another outlet's report: within one named source, a shared passage is the outlet's own
     * boilerplate (a footer, a standing paragraph) under unrelated articles; it is cited once, but that is not
     * "also reported by" ({@link CopySketch#sameOutlet}).
     */
    static boolean otherOutlets(ArticleRef a, ArticleRef b) {
        return !CopySketch.sameOutlet(a, b);
    }

    private static int find(int[] group, int i) {
        while (group[i] != i) {
            group[i] = group[group[i]];
            i = group[i];
        }
        return i;
    }

    private static void union(int[] group, int i, int j) {
        int a = find(group, i);
        int b = find(group, j);
        if (a != b) {
            group[Math.max(a, b)] = Math.min(a, b);
        }
    }
}
