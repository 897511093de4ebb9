package io.citebot.bench;

import io.citebot.index.BgeEmbedder;
import io.citebot.index.IndexFields;
import io.citebot.index.Vectors;
import io.citebot.eval.EvalQuery;
import io.citebot.eval.QueryFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * Not part of the suite: Lucene's vector formats side by side on the vectors of a citebot index, for
 * {@code docs/benchmarks.md} ("Quantised vectors at 7, 4 and 1 bits, side by side"). Each format gets a copy of the index's vectors
 * alone, written and merged into one segment the same way, with the graph's parameters citebot's index uses (Lucene's
 * defaults, 16 neighbours, beam 100); a quantised graph's candidates are re-ranked by their exact cosine from the
 * float vectors the format keeps beside the quantised ones.
 * <pre>
 * CP=target/citebot.jar:target/test-classes
 * java -cp $CP io.citebot.bench.QuantBench build  INDEX[,INDEX…] WORKDIR N float|int8|int7|int4|int2|int1 …
 * java -cp $CP io.citebot.bench.QuantBench truth  WORKDIR/float QUESTIONS.jsonl TRUTH # embeds the questions, exact top 10
 * java -cp $CP io.citebot.bench.QuantBench search WORKDIR/FORMAT TRUTH WIDTH[,WIDTH...] [ROUNDS]
 * </pre>
 * {@code build} copies the live vectors of the indexes in turn until it has N (0: each once); as in {@link ScaleBench}, each
 * later round's vectors are the originals moved by Gaussian noise (σ {@value ScaleBench#NOISE} a dimension) and
 * normalised again, the same vectors for every format. {@code search} runs in a process of its own so that what it
 * left in memory can be read afterwards ({@code fincore} on the copy's files, after {@code echo 1 >
 * /proc/sys/vm/drop_caches} before it): the pages the searches touched. It opens the copy with Lucene's read advice by
 * context ({@code -Dquant.noAdvice=true}: without), so that those are the pages read, not the kernel's read-ahead.
 */
public final class QuantBench {

    static final String SOURCE = "source";
    static final int TOP = 10;

    private QuantBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "truth" -> truth(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            case "build" -> {
                for (int i = 4; i < args.length; i++) {
                    build(args[1].split(","), Path.of(args[2]), Integer.parseInt(args[3]), args[i]);
                }
            }
            case "search" -> search(Path.of(args[1]), Path.of(args[2]),
                    Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray(),
                    args.length > 4 ? Integer.parseInt(args[4]) : 3);
            default -> throw new IllegalArgumentException("usage: build INDEX[,INDEX...] WORKDIR N FORMAT... | truth COPY QUESTIONS TRUTH "
                    + "| search WORKDIR/FORMAT TRUTH WIDTHS [ROUNDS]");
        }
    }

    /** The vectors format of a copy. */
    static KnnVectorsFormat format(String name) {
        return switch (name) {
            case "float" -> new Lucene99HnswVectorsFormat(16, 100);
            case "int8" -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, 16, 100);
            case "int7" -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SEVEN_BIT, 16, 100);
            case "int4" -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, 16, 100);
            case "int2" -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.DIBIT_QUERY_NIBBLE, 16, 100);
            case "int1" -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, 16, 100);
            default -> throw new IllegalArgumentException("unknown format " + name);
        };
    }

    /** The questions' vectors and the exact top 10 of each in a copy (by the copy's source numbers), written to {@code out}. */
    static void truth(Path index, Path questions, Path out) throws Exception {
        List<String> qs = QueryFile.read(questions).stream().map(EvalQuery::question).toList();
        BgeEmbedder embedder = new BgeEmbedder();
        List<float[]> vectors = new ArrayList<>();
        for (String q : qs) {
            vectors.add(embedder.embedQuery(q));
        }
        List<PriorityQueue<ScoreDoc>> best = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            best.add(new PriorityQueue<>((a, b) -> Float.compare(a.score, b.score)));
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
                if (values == null) {
                    continue;
                }
                int[] source = sources(leaf.reader());
                KnnVectorValues.DocIndexIterator it = values.iterator();
                for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                    float[] doc = values.vectorValue(it.index());
                    for (int i = 0; i < vectors.size(); i++) {
                        best.get(i).add(new ScoreDoc(source[d], VectorUtil.dotProduct(vectors.get(i), doc)));
                        if (best.get(i).size() > TOP) {
                            best.get(i).poll();
                        }
                    }
                }
            }
        }
        List<int[]> tops = best.stream().map(b -> b.stream().mapToInt(sd -> sd.doc).toArray()).toList();
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(out))) {
            o.writeInt(vectors.size());
            o.writeInt(vectors.getFirst().length);
            for (int i = 0; i < vectors.size(); i++) {
                for (float f : vectors.get(i)) {
                    o.writeFloat(f);
                }
                o.writeInt(tops.get(i).length);
                for (int d : tops.get(i)) {
                    o.writeInt(d);
                }
            }
        }
        System.out.printf("%d questions embedded, exact top %d written to %s%n", vectors.size(), TOP, out);
    }

    /** A copy of the indexes' live vectors in {@code workdir/name}, grown to {@code target}, one segment, numbered in order. */
    static void build(String[] indexes, Path workdir, int target, String name) throws IOException {
        Path dir = workdir.resolve(name);
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " exists");
        }
        KnnVectorsFormat vectors = format(name);
        IndexWriterConfig config = new IndexWriterConfig()
                .setCodec(new FilterCodec("Lucene104", new Lucene104Codec()) {
                    @Override
                    public KnnVectorsFormat knnVectorsFormat() {
                        return new PerFieldKnnVectorsFormat() {
                            @Override
                            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                                return vectors;
                            }
                        };
                    }
                })
                .setRAMBufferSizeMB(1024)
                .setMergePolicy(new LogDocMergePolicy());
        long start = System.nanoTime();
        int n = 0;
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir), config)) {
            for (int round = 0; n < target || round == 0; round++) {
                Random noise = new Random(round);
                for (String index : indexes) {
                    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Path.of(index)))) {
                        for (LeafReaderContext leaf : reader.leaves()) {
                            FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
                            if (values == null) {
                                continue;
                            }
                            Bits live = leaf.reader().getLiveDocs();
                            KnnVectorValues.DocIndexIterator it = values.iterator();
                            for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS && (n < target || round == 0); d = it.nextDoc()) {
                                if (live != null && !live.get(d)) {
                                    continue;
                                }
                                float[] v = values.vectorValue(it.index()).clone();
                                if (round > 0) {
                                    for (int i = 0; i < v.length; i++) {
                                        v[i] += (float) (noise.nextGaussian() * ScaleBench.NOISE);
                                    }
                                    v = Vectors.normalize(v);
                                }
                                Document doc = new Document();
                                doc.add(new KnnFloatVectorField(IndexFields.VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
                                doc.add(new NumericDocValuesField(SOURCE, n));
                                writer.addDocument(doc);
                                n++;
                            }
                        }
                    }
                }
            }
            double written = (System.nanoTime() - start) / 1e9;
            writer.forceMerge(1);
            writer.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %,d vectors written in %.1f s, merged into one segment by %.1f s; %s%n", name, n, written,
                    seconds, sizes(dir));
        }
    }

    /** Each document's number in the copy ({@link #SOURCE}). */
    static int[] sources(LeafReader leaf) throws IOException {
        NumericDocValues values = leaf.getNumericDocValues(SOURCE);
        int[] source = new int[leaf.maxDoc()];
        for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
            source[d] = (int) values.longValue();
        }
        return source;
    }

    /** The copy's files by kind: the graph, the float vectors, the quantised ones, the rest. */
    static String sizes(Path dir) throws IOException {
        TreeMap<String, Long> bytes = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String file = f.getFileName().toString();
                String ext = file.contains(".") ? file.substring(file.lastIndexOf('.') + 1) : file;
                bytes.merge(ext, Files.size(f), Long::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        bytes.forEach((ext, b) -> {
            if (b > 1 << 20) {
                out.append(String.format(Locale.ROOT, "%s %.1f MB ", ext, b / 1048576.0));
            }
        });
        return out.toString().strip();
    }

    /**
     * Each question searched at each width: the graph asked for WIDTH, a quantised format's candidates re-ranked by
     * their exact cosine, the best 10 compared with the exact top 10. Prints recall@10 and the p50/p90 of a search
     * (after one round that warms up), widths interleaved question by question.
     */
    static void search(Path copy, Path truthFile, int[] widths, int rounds) throws IOException {
        List<float[]> vectors = new ArrayList<>();
        List<Set<Integer>> truth = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(truthFile))) {
            int n = in.readInt();
            int dim = in.readInt();
            for (int i = 0; i < n; i++) {
                float[] v = new float[dim];
                for (int j = 0; j < dim; j++) {
                    v[j] = in.readFloat();
                }
                vectors.add(v);
                Set<Integer> top = new HashSet<>();
                int k = in.readInt();
                for (int j = 0; j < k; j++) {
                    top.add(in.readInt());
                }
                truth.add(top);
            }
        }
        boolean quantised = !copy.getFileName().toString().equals("float");
        MMapDirectory directory = new MMapDirectory(copy);
        if (!Boolean.getBoolean("quant.noAdvice")) {
            // files read at random advised so: without advice the kernel reads megabytes around every page a search
            // touches, and the page cache afterwards would show that, not what the search read (docs/benchmarks.md)
            directory.setReadAdvice(MMapDirectory.ADVISE_BY_CONTEXT);
        }
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            if (reader.leaves().size() != 1) {
                throw new IllegalStateException("expected a copy of one segment, as build writes it");
            }
            LeafReader leaf = reader.leaves().getFirst().reader();
            int[] source = sources(leaf);
            FloatVectorValues floats = leaf.getFloatVectorValues(IndexFields.VECTOR);
            int q = vectors.size();
            double[][] millis = new double[widths.length][q * rounds];
            double[] recall = new double[widths.length];
            for (int r = -1; r < rounds; r++) {
                for (int i = 0; i < q; i++) {
                    for (int w = 0; w < widths.length; w++) {
                        int which = (w + i + Math.max(r, 0)) % widths.length; // which width goes first alternates
                        long t0 = System.nanoTime();
                        TopDocs found = leaf.searchNearestVectors(IndexFields.VECTOR, vectors.get(i), widths[which],
                                AcceptDocs.fromLiveDocs(null, leaf.maxDoc()), Integer.MAX_VALUE);
                        ScoreDoc[] best = found.scoreDocs;
                        if (quantised) {
                            best = best.clone();
                            for (int j = 0; j < best.length; j++) {
                                // every document has a vector: its ordinal is its doc id
                                best[j] = new ScoreDoc(best[j].doc, VectorUtil.dotProduct(vectors.get(i), floats.vectorValue(best[j].doc)));
                            }
                            Arrays.sort(best, (a, b) -> Float.compare(b.score, a.score));
                        }
                        long elapsed = System.nanoTime() - t0;
                        if (r >= 0) {
                            millis[which][r * q + i] = elapsed / 1e6;
                        } else {
                            int hits = 0;
                            for (int j = 0; j < Math.min(TOP, best.length); j++) {
                                hits += truth.get(i).contains(source[best[j].doc]) ? 1 : 0;
                            }
                            recall[which] += (double) hits / TOP / q;
                        }
                    }
                }
            }
            for (int w = 0; w < widths.length; w++) {
                System.out.printf(Locale.ROOT, "%s asked for %d: recall@10 %.3f, search p50 %.3f ms p90 %.3f ms (%d questions x %d rounds)%n",
                        copy.getFileName(), widths[w], recall[w], AskBench.pct(millis[w], 0.5), AskBench.pct(millis[w], 0.9), q, rounds);
            }
        }
    }
}
