package io.citebot.bench;

import io.citebot.index.CopySketch;
import io.citebot.index.IndexFields;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.json.Json;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TermQuery;

/**
 * How well copies of one text are found across an archive (docs/benchmarks.md, "One story told once"). Over every
 * passage of an index, for pairs of passages from different outlets (sources under one registered domain are one
 * outlet, {@link CopySketch#outlet}):
 * <ul>
 *   <li>the exact share of the shorter passage's word 5-grams found in the other (every shared 5-gram counted, those
 *   in more than {@value #MAX_DF} passages, boilerplate, left out), binned;</li>
 *   <li>which of them the index lookup finds (at least {@link CopySketch#MIN_SHARED} of the {@link CopySketch#HASHES}
 *   MinHash values shared) and the detector calls copies (containment ≥ {@link CopySketch#OTHER_OUTLET_CONTAINMENT});</li>
 *   <li>near neighbours by embedding (cosine ≥ {@value #NEAR}) from a random sample of passages that share few
 *   5-grams: rewrites of one report in other words, which a 5-gram detector cannot see.</li>
 * </ul>
 * Writes samples of each kind of pair to read and label by hand ({@code OUT.samples.jsonl}) and the counts
 * ({@code OUT.txt}). Run: {@code java -cp target/citebot.jar:target/test-classes io.citebot.bench.CopyPairsBench INDEX OUT}.
 */
public final class CopyPairsBench {

    static final int MAX_DF = 200;
    static final double NEAR = 0.93;
    static final int NEAR_SAMPLE = 4000;
    static final int PER_STRATUM = 40;

    record P(String id, String article, String source, String date, String title, String text, float[] vector, String textHash) {
    }

    public static void main(String[] args) throws Exception {
        Path indexDir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<P> ps = new ArrayList<>();
        try (ArticleIndex index = ArticleIndex.openReadOnly(indexDir, new EnglishAnalysis())) {
            ps.addAll(index.search(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE)), Integer.MAX_VALUE / 2,
                    (d, score) -> new P(d.get(IndexFields.PASSAGE_ID), d.get(IndexFields.ARTICLE_ID), d.get(IndexFields.SOURCE),
                            d.get(IndexFields.DATE), d.get(IndexFields.TITLE), d.get(IndexFields.TEXT), null, d.get(IndexFields.TEXT_HASH))));
            // vectors come from the index's vector values, an article at a time
            Map<String, Map<String, float[]>> vectors = new HashMap<>();
            for (P p : ps) {
                if (!vectors.containsKey(p.article())) {
                    vectors.put(p.article(), index.vectorsOf(p.article()));
                }
            }
            ps.replaceAll(p -> new P(p.id(), p.article(), p.source(), p.date(), p.title(), p.text(),
                    vectors.get(p.article()).get(p.textHash()), p.textHash()));
            ps.sort((a, b) -> a.id().compareTo(b.id()));
            int n = ps.size();
            Map<String, Integer> byId = new HashMap<>();
            for (int i = 0; i < n; i++) {
                byId.put(ps.get(i).id(), i);
            }
            List<Set<Long>> shingles = new ArrayList<>(n);
            Map<Long, List<Integer>> postings = new HashMap<>();
            Map<String, List<Integer>> sketchPostings = new HashMap<>();
            int sketched = 0;
            for (int i = 0; i < n; i++) {
                Set<Long> s = CopySketch.shingles(ps.get(i).text());
                shingles.add(s);
                for (long h : s) {
                    postings.computeIfAbsent(h, k -> new ArrayList<>(2)).add(i);
                }
                List<String> terms = CopySketch.terms(s);
                if (!terms.isEmpty()) {
                    sketched++;
                }
                for (String t : terms) {
                    sketchPostings.computeIfAbsent(t, k -> new ArrayList<>(2)).add(i);
                }
            }
            // exact shared 5-grams of every cross-outlet pair that shares any (boilerplate 5-grams left out)
            Map<Long, Integer> shared = new HashMap<>();
            long skipped = 0;
            for (List<Integer> post : postings.values()) {
                if (post.size() < 2) {
                    continue;
                }
                if (post.size() > MAX_DF) {
                    skipped++;
                    continue;
                }
                for (int a = 0; a < post.size(); a++) {
                    for (int b = a + 1; b < post.size(); b++) {
                        int i = post.get(a);
                        int j = post.get(b);
                        if (crossOutlet(ps.get(i), ps.get(j))) {
                            shared.merge(key(i, j), 1, Integer::sum);
                        }
                    }
                }
            }
            // pairs the index lookup returns: at least MIN_SHARED sketch values in common
            Map<Long, Integer> sketchShared = new HashMap<>();
            for (List<Integer> post : sketchPostings.values()) {
                for (int a = 0; a < post.size(); a++) {
                    for (int b = a + 1; b < post.size(); b++) {
                        int i = post.get(a);
                        int j = post.get(b);
                        if (crossOutlet(ps.get(i), ps.get(j))) {
                            sketchShared.merge(key(i, j), 1, Integer::sum);
                        }
                    }
                }
            }
            double[] edges = {0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01};
            long[] pairs = new long[edges.length - 1];
            long[] looked = new long[edges.length - 1];
            long[] called = new long[edges.length - 1];
            Map<String, List<long[]>> strata = new LinkedHashMap<>();
            for (Map.Entry<Long, Integer> e : shared.entrySet()) {
                int i = (int) (e.getKey() >>> 32);
                int j = (int) (long) e.getKey();
                int small = Math.min(shingles.get(i).size(), shingles.get(j).size());
                if (small < CopySketch.MIN_SHINGLES) {
                    continue;
                }
                double c = CopySketch.containment(shingles.get(i), shingles.get(j));
                for (int b = 0; b < pairs.length; b++) {
                    if (c >= edges[b] && c < edges[b + 1]) {
                        pairs[b]++;
                        boolean found = sketchShared.getOrDefault(e.getKey(), 0) >= CopySketch.MIN_SHARED;
                        if (found) {
                            looked[b]++;
                        }
                        if (found && c >= CopySketch.OTHER_OUTLET_CONTAINMENT) {
                            called[b]++;
                        }
                    }
                }
                String stratum = c >= 0.8 ? "copy(c>=0.8)" : c >= 0.5 ? "near(0.5<=c<0.8)" : c >= 0.3 ? "some(0.3<=c<0.5)" : null;
                if (stratum != null) {
                    strata.computeIfAbsent(stratum, k -> new ArrayList<>()).add(new long[] {e.getKey(), Math.round(c * 1000)});
                }
            }
            // rewrites: embedding neighbours from other outlets that share few 5-grams
            Random random = new Random(7);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (shingles.get(i).size() >= CopySketch.MIN_SHINGLES) {
                    order.add(i);
                }
            }
            Collections.shuffle(order, random);
            List<Integer> sample = order.subList(0, Math.min(NEAR_SAMPLE, order.size()));
            Set<Long> nearSeen = new HashSet<>();
            List<long[]> near = new ArrayList<>();
            long nearCopies = 0;
            for (int i : sample) {
                P p = ps.get(i);
                List<Object[]> nn = index.search(new KnnFloatVectorQuery(IndexFields.VECTOR, p.vector(), 10), 10,
                        (d, score) -> new Object[] {d.get(IndexFields.PASSAGE_ID), (double) score});
                for (Object[] x : nn) {
                    Integer j = byId.get((String) x[0]);
                    double cos = 2 * (double) x[1] - 1;
                    if (j == null || j == i || cos < NEAR || !crossOutlet(p, ps.get(j)) || shingles.get(j).size() < CopySketch.MIN_SHINGLES) {
                        continue;
                    }
                    long k = key(Math.min(i, j), Math.max(i, j));
                    if (!nearSeen.add(k)) {
                        continue;
                    }
                    double c = CopySketch.containment(shingles.get(i), shingles.get(j));
                    if (c >= CopySketch.OTHER_OUTLET_CONTAINMENT) {
                        nearCopies++;
                    } else if (c < 0.3) {
                        near.add(new long[] {k, Math.round(c * 1000), Math.round(cos * 1000)});
                    }
                }
            }
            strata.put("rewrite?(cos>=0.93,c<0.3)", near);

            StringBuilder report = new StringBuilder();
            report.append(String.format(Locale.ROOT, "%s: %,d passages (%,d with a sketch), 5-grams in over %d passages left out: %,d%n",
                    indexDir, n, sketched, MAX_DF, skipped));
            report.append("cross-outlet pairs by 5-gram containment of the shorter passage: pairs, looked up (>= ")
                    .append(CopySketch.MIN_SHARED).append(" of ").append(CopySketch.HASHES).append(" sketch values), called copies\n");
            for (int b = 0; b < pairs.length; b++) {
                report.append(String.format(Locale.ROOT, "  [%.1f, %.1f): %,d pairs, %,d looked up (%.3f), %,d called copies%n",
                        edges[b], Math.min(1.0, edges[b + 1]), pairs[b], looked[b], pairs[b] == 0 ? 0 : (double) looked[b] / pairs[b], called[b]));
            }
            long sketchPairs = sketchShared.values().stream().filter(v -> v >= CopySketch.MIN_SHARED).count();
            long copies = 0;
            for (long c : called) {
                copies += c;
            }
            report.append(String.format(Locale.ROOT, "pairs the lookup returns (cross-outlet): %,d; of them copies: %,d%n", sketchPairs, copies));
            report.append(String.format(Locale.ROOT, "embedding sample: %,d passages, cross-outlet neighbours with cosine >= %.2f: %,d copies (c >= 0.5), %,d with c < 0.3%n",
                    sample.size(), NEAR, nearCopies, near.size()));
            Files.writeString(Path.of(out + ".txt"), report);
            System.out.print(report);

            try (BufferedWriter w = Files.newBufferedWriter(Path.of(out + ".samples.jsonl"))) {
                for (Map.Entry<String, List<long[]>> s : strata.entrySet()) {
                    List<long[]> list = new ArrayList<>(s.getValue());
                    Collections.shuffle(list, new Random(11));
                    for (long[] x : list.subList(0, Math.min(PER_STRATUM, list.size()))) {
                        P a = ps.get((int) (x[0] >>> 32));
                        P b = ps.get((int) x[0]);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("stratum", s.getKey());
                        row.put("stratumPairs", s.getValue().size());
                        row.put("containment", x[1] / 1000.0);
                        if (x.length > 2) {
                            row.put("cosine", x[2] / 1000.0);
                        }
                        row.put("a", Map.of("id", a.id(), "source", Objects.toString(a.source()), "date", Objects.toString(a.date()), "title", a.title(), "text", a.text()));
                        row.put("b", Map.of("id", b.id(), "source", Objects.toString(b.source()), "date", Objects.toString(b.date()), "title", b.title(), "text", b.text()));
                        w.write(Json.mapper().writeValueAsString(row));
                        w.newLine();
                    }
                }
            }
        }
    }

    static boolean crossOutlet(P a, P b) {
        return !a.article().equals(b.article())
                && (a.source() == null || b.source() == null || !CopySketch.outlet(a.source()).equals(CopySketch.outlet(b.source())));
    }

    static long key(int i, int j) {
        return ((long) Math.min(i, j) << 32) | Math.max(i, j);
    }
}
