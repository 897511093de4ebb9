package io.citebot.answer;

import io.citebot.index.ArticleRef;
import io.citebot.index.Hit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One story told once: passages of articles from different outlets that are copies of one report (the same wire story,
 * a statement or transcript printed whole, a light rewrite) are found by their shared word 5-grams, and only the
 * earliest copy is kept, carrying the others as "also reported by". The places the copies held go to other passages.
 * Measured on the two news sets (docs/benchmarks.md, "One story told once"): within one outlet, shared passages
 * were its own boilerplate, so such a copy frees its place but is not named as another report.
 */
public final class Syndication {

    /** Word n-grams compared. */
    static final int SHINGLE = 5;
    /**
     * Two passages are copies when this share of the shorter one's 5-grams is in the other: a trimmed or lightly
     * edited copy keeps most of them, two reports of the same event in their own words share almost none. At 0.6,
     * templated paragraphs about different events ("a multistate outbreak of E. coli potentially linked to …") were
     * merged on the news sets; at 0.8 the cross-outlet pairs found were all copies of one text.
     */
    static final double CONTAINMENT = 0.8;
    /** Passages with fewer 5-grams than this (a headline, a line) are never called copies. */
    static final int MIN_SHINGLES = 12;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

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
        int n = hits.size();
        List<Set<Long>> shingles = new ArrayList<>(n);
        for (Hit h : hits) {
            shingles.add(shingles(h.passage().text()));
        }
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = i;
        }
        boolean any = false;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (!hits.get(i).article().id().equals(hits.get(j).article().id()) && copies(shingles.get(i), shingles.get(j))) {
                    union(group, i, j);
                    any = true;
                }
            }
        }
        if (!any) {
            return new Collapsed(hits, Map.of());
        }
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(find(group, i), g -> new ArrayList<>()).add(i);
        }
        List<Hit> kept = new ArrayList<>();
        Map<String, List<ArticleRef>> copies = new LinkedHashMap<>();
        for (List<Integer> m : members.values()) {
            Hit best = hits.get(m.getFirst());
            if (m.size() == 1) {
                kept.add(best);
                continue;
            }
            // copies under the best passage's own outlet are its boilerplate: dropped, the best passage kept; copies
            // from other outlets are one report, cited as its earliest copy
            List<Hit> reports = new ArrayList<>(List.of(best));
            m.stream().skip(1).map(hits::get).filter(h -> otherOutlets(best.article(), h.article())).forEach(reports::add);
            Hit earliest = reports.stream().min(Comparator.comparing((Hit h) -> h.article().date(),
                    Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()))).orElseThrow();
            kept.add(earliest == best ? best
                    : new Hit(earliest.passage(), earliest.article(), best.score(), Math.max(best.similarity(), earliest.similarity())));
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
     * "also reported by".
     */
    static boolean otherOutlets(ArticleRef a, ArticleRef b) {
        return a.source() == null || b.source() == null || !a.source().strip().equalsIgnoreCase(b.source().strip());
    }

    /** Whether two passages' 5-gram sets are copies of one text. */
    static boolean copies(Set<Long> a, Set<Long> b) {
        if (a.size() < MIN_SHINGLES || b.size() < MIN_SHINGLES) {
            return false;
        }
        Set<Long> small = a.size() <= b.size() ? a : b;
        Set<Long> large = small == a ? b : a;
        int shared = 0;
        for (Long s : small) {
            if (large.contains(s)) {
                shared++;
            }
        }
        return shared >= CONTAINMENT * small.size();
    }

    /** The hashed word 5-grams of a text, case and punctuation ignored. */
    static Set<Long> shingles(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        Set<Long> out = new HashSet<>();
        for (int i = 0; i + SHINGLE <= words.size(); i++) {
            long h = 1125899906842597L;
            for (int k = i; k < i + SHINGLE; k++) {
                h = 31 * h + words.get(k).hashCode();
            }
            out.add(h);
        }
        return out;
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
