package io.citebot.bench;

import io.citebot.index.Hashes;
import io.citebot.index.Hit;
import io.citebot.index.Ingester;
import io.citebot.index.StoredArticle;
import io.citebot.index.Vectors;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.index.lucene.KnnRecall;
import io.citebot.index.lucene.LuceneBackend;
import io.citebot.index.BgeEmbedder;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import io.citebot.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The archive grown to a given size for {@code scripts/scale-bench} (not a test). {@code build SOURCE_INDEX[,…] DATA N}
 * grows the index in {@code DATA/index} to at least N passages from real ones: the source indexes' articles in id
 * order, again and again; the first round as they are, each later round k as another year's copy (ids and
 * origins suffixed {@code ~k}, dates k years earlier) whose vectors are the originals moved by Gaussian noise
 * (σ 0.017 a dimension, so a copy's cosine with its original is about 0.95) and normalised again, so the graph holds
 * no exact duplicates. Nothing is embedded: the vectors come from the sources' vector values. It resumes where it
 * stopped ({@code DATA/scale.json}). {@code knn DATA QUESTIONS.jsonl} prints kNN recall@10 against exact search.
 */
public final class ScaleBench {

    static final double NOISE = 0.017;
    static final int COMMIT_EVERY = 2_000;

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "build" -> build(args[1].split(","), Path.of(args[2]), Integer.parseInt(args[3]));
            case "knn" -> knn(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("usage: build SOURCE_INDEX[,...] DATA N | knn DATA QUESTIONS.jsonl");
        }
    }

    private record Source(ArticleIndex index, StoredArticle article) {
    }

    static void build(String[] sources, Path data, int target) throws Exception {
        Path state = data.resolve("scale.json");
        long position = Files.exists(state) ? Json.mapper().readTree(state.toFile()).get("position").asLong() : 0;
        List<ArticleIndex> opened = new ArrayList<>();
        try (ArticleIndex to = ArticleIndex.open(data.resolve("index"), new EnglishAnalysis())) {
            List<Source> all = new ArrayList<>();
            for (String s : sources) {
                ArticleIndex from = ArticleIndex.openReadOnly(Path.of(s), new EnglishAnalysis());
                opened.add(from);
                from.articles().values().stream().sorted(Comparator.comparing(StoredArticle::id)).forEach(a -> all.add(new Source(from, a)));
            }
            int passages = to.passageCount();
            long t0 = System.nanoTime();
            int written = 0;
            while (passages < target) {
                Source s = all.get((int) (position % all.size()));
                int round = (int) (position / all.size());
                position++;
                StoredArticle a = s.article();
                List<Hit> hits = new ArrayList<>(new LuceneBackend(s.index()).read(v -> v.ofArticle(a.id(), Math.max(1, a.passages()) * 2 + 10)));
                if (hits.isEmpty()) {
                    continue;
                }
                hits.sort(Comparator.comparingInt(h -> h.passage().ordinal()));
                List<Passage> original = hits.stream().map(Hit::passage).toList();
                Article source = new Article(a.id(), a.title(), String.join("\n\n", original.stream().map(Passage::text).toList()),
                        a.date(), a.source(), a.url());
                Map<String, float[]> stored = s.index().vectorsOf(a.id());
                String id = round == 0 ? a.id() : a.id() + "~" + round;
                Article article = new Article(id, a.title(), source.text(), a.date() == null ? null : a.date().minusYears(round),
                        a.source(), a.url());
                Random noise = new Random(id.hashCode());
                List<Passage> ps = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                for (Passage p : original) {
                    float[] v = stored.get(Hashes.ofText(Ingester.embeddingInput(source, p)));
                    if (v == null) {
                        throw new IllegalStateException("no vector for " + p.id());
                    }
                    if (round > 0) {
                        v = v.clone();
                        for (int i = 0; i < v.length; i++) {
                            v[i] += (float) (noise.nextGaussian() * NOISE);
                        }
                        v = Vectors.normalize(v);
                    }
                    ps.add(new Passage(id + "#" + p.ordinal(), id, p.ordinal(), p.text(), p.start(), p.end()));
                    vectors.add(v);
                }
                to.put(article, ps, vectors, round == 0 ? a.origin() : "scale~" + round + "/" + a.origin(), a.contentHash());
                passages += ps.size();
                written += ps.size();
                if (position % COMMIT_EVERY == 0) {
                    commit(to, state, position);
                }
            }
            commit(to, state, position);
            double secs = (System.nanoTime() - t0) / 1e9;
            // what the ingester does after a pass: an index a fifth of which was just written is merged into one segment
            long m0 = System.nanoTime();
            int segments = to.segmentCount();
            to.settle(written);
            System.out.printf("%d passages (%d written in %.1f s, %.0f passages/s; %d segments, %d after settling in %.1f s)%n",
                    to.passageCount(), written, secs, written / Math.max(1e-9, secs), segments, to.segmentCount(), (System.nanoTime() - m0) / 1e9);
        } finally {
            for (ArticleIndex i : opened) {
                i.close();
            }
        }
    }

    private static void commit(ArticleIndex to, Path state, long position) throws Exception {
        to.commit();
        Files.writeString(state, "{\"position\": " + position + "}");
    }

    static void knn(Path data, Path questions) throws Exception {
        List<String> qs = Files.readAllLines(questions).stream().filter(l -> !l.isBlank())
                .map(l -> {
                    try {
                        return Json.mapper().readTree(l).get("question").asText();
                    } catch (Exception e) {
                        throw new IllegalArgumentException(e);
                    }
                }).toList();
        try (ArticleIndex index = ArticleIndex.openReadOnly(data.resolve("index"), new EnglishAnalysis())) {
            KnnRecall.Result r = KnnRecall.measure(index, new BgeEmbedder(), qs, 100);
            System.out.printf("knn recall@10 %.3f asking HNSW for 100, %.3f asking for 10 (%d questions, %d passages)%n",
                    r.recallAskingCandidates(), r.recallAsking10(), r.queries(), index.passageCount());
        }
    }
}
