package io.citebot.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.TestFiles;
import io.citebot.config.FusionMethod;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.PassageSearcher;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.index.lucene.LuceneBackend;
import io.citebot.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (no "Test" suffix): the hybrid candidates of each question scored two ways on one searcher,
 * interleaved so both meet the same machine: Lucene's (BM25 read as deep as the candidates, the dense candidates
 * below it scored exactly) and the default of {@link PassageSearcher} (BM25 read {@value PassageSearcher#BM25_DEPTH}
 * deep); the question's embedding timed in the same run. Needs an index and its questions:
 * {@code ./mvnw test -Dtest=CandidatesBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.index=DATA/index
 * -Dbench.queries=queries.jsonl}.
 */
class CandidatesBench {

    @Test
    void candidates_exact_against_deep() throws Exception {
        Path dir = Path.of(System.getProperty("bench.index", "data/index"));
        List<String> questions = Files.readAllLines(Path.of(System.getProperty("bench.queries", "queries.jsonl"))).stream()
                .filter(l -> !l.isBlank()).map(l -> {
                    try {
                        JsonNode n = Json.mapper().readTree(l);
                        return n.has("question") ? n.get("question").asText() : n.get("text").asText();
                    } catch (Exception e) {
                        throw new IllegalArgumentException(e);
                    }
                }).toList();
        try (ArticleIndex index = ArticleIndex.openReadOnly(dir, new EnglishAnalysis())) {
            LuceneBackend backend = new LuceneBackend(index);
            List<float[]> vectors = new ArrayList<>();
            double[] embed = new double[questions.size()];
            for (int i = 0; i < questions.size(); i++) {
                long t0 = System.nanoTime();
                vectors.add(TestFiles.embedder().embedQuery(questions.get(i)));
                embed[i] = (System.nanoTime() - t0) / 1e6;
            }
            int rounds = 4;
            double[] exact = new double[questions.size() * rounds];
            double[] deep = new double[questions.size() * rounds];
            int sameTop = 0;
            for (int r = 0; r <= rounds; r++) {
                for (int i = 0; i < questions.size(); i++) {
                    String q = questions.get(i);
                    float[] v = vectors.get(i);
                    boolean exactFirst = (i + r) % 2 == 0;
                    long[] t = new long[2];
                    PassageSearcher.Candidates[] c = new PassageSearcher.Candidates[2];
                    for (int k = 0; k < 2; k++) {
                        boolean useExact = (k == 0) == exactFirst;
                        long t0 = System.nanoTime();
                        c[useExact ? 0 : 1] = backend.read(s -> (useExact ? s : deep(s)).candidates(q, v, 50, Filters.NONE));
                        t[useExact ? 0 : 1] = System.nanoTime() - t0;
                    }
                    if (r > 0) { // round 0 warms up
                        exact[(r - 1) * questions.size() + i] = t[0] / 1e6;
                        deep[(r - 1) * questions.size() + i] = t[1] / 1e6;
                        if (r == 1 && top(c[0], 10).equals(top(c[1], 10))) {
                            sameTop++;
                        }
                    }
                }
            }
            System.out.printf("%d questions, %d passages; embedding p50 %.2f ms%n", questions.size(), index.passageCount(), pct(embed, 0.5));
            System.out.printf("candidates, BM25 as deep as the candidates + exact scores: p50 %.3f ms  p99 %.3f ms%n", pct(exact, 0.5), pct(exact, 0.99));
            System.out.printf("candidates, BM25 %d deep:                                 p50 %.3f ms  p99 %.3f ms%n", PassageSearcher.BM25_DEPTH, pct(deep, 0.5), pct(deep, 0.99));
            double[][] parts = new double[4][questions.size()];
            for (int i = 0; i < questions.size(); i++) {
                String q = questions.get(i);
                float[] v = vectors.get(i);
                long[] t = new long[5];
                backend.read(s -> {
                    t[0] = System.nanoTime();
                    s.bm25(q, 50, Filters.NONE);
                    t[1] = System.nanoTime();
                    s.bm25(q, PassageSearcher.BM25_DEPTH, Filters.NONE);
                    t[2] = System.nanoTime();
                    var near = s.nearest(v, 50, Filters.NONE);
                    t[3] = System.nanoTime();
                    s.cosines(v, near.stream().mapToInt(PassageSearcher.Scored::key).toArray());
                    t[4] = System.nanoTime();
                    return null;
                });
                for (int k = 0; k < 4; k++) {
                    parts[k][i] = (t[k + 1] - t[k]) / 1e6;
                }
            }
            System.out.printf("p50: BM25 50 deep %.3f ms, BM25 %d deep %.3f ms, kNN 50 %.3f ms, 50 exact cosines %.3f ms%n",
                    pct(parts[0], 0.5), PassageSearcher.BM25_DEPTH, pct(parts[1], 0.5), pct(parts[2], 0.5), pct(parts[3], 0.5));
            System.out.printf("same top 10 by the default fusion: %d of %d%n", sameTop, questions.size());
        }
    }

    /** The top {@code n} keys by the weighted fusion of the candidates' scores. */
    private static List<String> top(PassageSearcher.Candidates c, int n) {
        Map<String, Double> bm25 = new java.util.HashMap<>();
        Map<String, Double> cos = new java.util.HashMap<>();
        c.keys().forEach(d -> {
            bm25.put(d.toString(), c.bm25().get(d));
            cos.put(d.toString(), c.cosine().get(d));
        });
        Map<String, Double> fused = Fusion.weightedSum(bm25, cos, FusionMethod.DEFAULT_BM25_WEIGHT);
        return fused.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n).map(Map.Entry::getKey).toList();
    }

    private static double pct(double[] xs, double q) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(q * s.length))];
    }

    /** The searcher with the interface's default candidates (BM25 read deep), everything else its own. */
    private static PassageSearcher deep(PassageSearcher s) {
        return new PassageSearcher() {
            public List<Scored> bm25(String text, int n, Filters filters) throws java.io.IOException {
                return s.bm25(text, n, filters);
            }

            public List<Scored> nearest(float[] vector, int n, Filters filters) throws java.io.IOException {
                return s.nearest(vector, n, filters);
            }

            public Map<Integer, Double> cosines(float[] vector, int[] keys) throws java.io.IOException {
                return s.cosines(vector, keys);
            }

            public List<Hit> load(List<Integer> keys, Map<Integer, Double> scores, Map<Integer, Double> cosines) throws java.io.IOException {
                return s.load(keys, scores, cosines);
            }

            public List<Hit> byIds(Collection<String> ids, Filters filters, int max) throws java.io.IOException {
                return s.byIds(ids, filters, max);
            }

            public List<Hit> ofArticle(String articleId, int max) throws java.io.IOException {
                return s.ofArticle(articleId, max);
            }

            @Override
            public Map<String, List<Hit>> copies(List<Hit> passages, Filters filters) throws java.io.IOException {
                return s.copies(passages, filters);
            }
        };
    }
}
