package io.citebot.index;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BAAI's bge-small-en-v1.5 (quantized ONNX, 384 dimensions), run in-process by LangChain4j from the model file
 * inside its Maven artifact: no download, no GPU. Each text is embedded on one thread ({@link #onOneThread}); a batch's
 * texts are spread over all cores.
 *
 * <p>{@link #loading} reads the model from a copy on disk ({@link ModelFiles}) on a thread of its own, so a server
 * opens its index and starts listening meanwhile; the first embedding waits for it ({@link #ready} says when).
 *
 * <p>Questions are embedded as they are, without BGE's optional query instruction ("Represent this sentence
 * for searching relevant passages: "): on ../shared/bench/squad the instruction gained nothing (hybrid hits@5
 * 0.954 with it, 0.957 without) and cost about 1.5 ms a question.
 */
public final class BgeEmbedder implements Embedder {

    private static final Logger log = LoggerFactory.getLogger(BgeEmbedder.class);

    static {
        // LangChain4j's tokenizer is DJL's, and DJL, as it loads, asks the address of AWS's instance metadata service
        // (169.254.169.254) and, on an EC2 machine, reports the instance to AWS ("usage tracking", on unless opted out).
        // citebot runs offline and tells nobody where it runs: opted out, and DJL's offline mode (it may still unpack
        // its native library from the jar, but downloads nothing). DJL reads the environment first
        // (OPT_OUT_TRACKING, DJL_OFFLINE), so a user's variable still wins, and so does a -D of their own.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private final CompletableFuture<EmbeddingModel> model;

    /** Loads the model from inside the jar, now. */
    public BgeEmbedder() {
        this.model = CompletableFuture.completedFuture(new BgeSmallEnV15QuantizedEmbeddingModel());
    }

    private BgeEmbedder(Supplier<EmbeddingModel> load) {
        this.model = new CompletableFuture<>();
        UNDER_WAY.add(model);
        model.whenComplete((m, t) -> UNDER_WAY.remove(model));
        Thread.ofPlatform().name("model-load").daemon().start(() -> {
            try {
                model.complete(load.get());
            } catch (Throwable t) {
                model.completeExceptionally(t);
            }
        });
    }

    /**
     * Waits (at most a minute in all) for every model load still under way in this process. A process must not begin
     * to end while ONNX Runtime builds a model's session: the runtime's own shutdown hook closes its environment, and
     * a session being built at that moment crashed the JVM (SIGSEGV in {@code createSession}, exit code 134): a
     * command that had nothing to embed (an ingest with nothing new) finishing before the model had loaded, or a
     * server stopped in its first second. {@code Citebot.close} and the process's signal handlers call this.
     */
    public static void awaitLoadsUnderWay() {
        long deadline = System.nanoTime() + LOAD_WAIT_AT_EXIT.toNanos();
        for (CompletableFuture<EmbeddingModel> load : List.copyOf(UNDER_WAY)) {
            try {
                load.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // a failed load has no session left to build; a stuck one is not waited for past the bound
            }
        }
    }

    /** The loads started by {@link #loading} and not yet done. */
    private static final Set<CompletableFuture<EmbeddingModel>> UNDER_WAY = ConcurrentHashMap.newKeySet();

    /** How long an ending process waits for a model load still under way. */
    private static final Duration LOAD_WAIT_AT_EXIT = Duration.ofSeconds(60);

    /**
     * Starts loading the model from its copy in {@code dir} (made there the first time) and returns at once; where
     * the copy cannot be made (a read-only folder), the model is read from the jar as before.
     */
    public static BgeEmbedder loading(Path dir) {
        return new BgeEmbedder(() -> {
            long t0 = System.nanoTime();
            ModelFiles.Copy files;
            try {
                files = ModelFiles.in(dir);
            } catch (IOException | RuntimeException e) {
                log.info("The embedding model is read from the jar: it could not be copied to {} ({})", dir, e.toString());
                return new BgeSmallEnV15QuantizedEmbeddingModel();
            }
            if (files.nativeDir() != null && System.getProperty("onnxruntime.native.path") == null) {
                System.setProperty("onnxruntime.native.path", files.nativeDir().toString());
            }
            EmbeddingModel m;
            try {
                m = onOneThread(files);
            } catch (OrtException | IOException e) {
                throw new IllegalStateException("the embedding model could not be loaded from " + files.model() + ": " + e.getMessage(), e);
            }
            log.debug("Embedding model loaded from {} in {} ms", files.model().getParent(), (System.nanoTime() - t0) / 1_000_000);
            return m;
        });
    }

    /**
     * The model in a session of its own whose every embedding runs on the calling thread alone (ONNX Runtime's
     * intra-op pool of one); the vectors are the same to the bit as LangChain4j's session gives. By default the
     * runtime splits each embedding over all cores, and its worker then spins on the other core for a while: on two
     * cores, the core that the question's BM25 search, the server's threads and its client were waiting for. On one
     * thread a question's embedding alone took about 1 ms longer at p50, but its whole p99 fell by 27-41%,
     * {@code /api/chat}'s p50 by 2.4-3.7 ms, four clients got 48-86% more answers a second and an ingest embedded 28-70%
     * more passages a second (docs/benchmarks.md, "One thread per embedding"). A batch (an ingest's) still uses every
     * core: LangChain4j embeds its texts on a pool of as many threads as there are cores, each text on one of them.
     * (Where the model is read from the jar instead, LangChain4j's own session is used.)
     */
    static EmbeddingModel onOneThread(ModelFiles.Copy files) throws OrtException, IOException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) { // the session keeps its own copy
            options.setIntraOpNumThreads(1);
            session = env.createSession(files.model().toString(), options);
        }
        OnnxBertBiEncoder encoder;
        try (InputStream tokenizer = Files.newInputStream(files.tokenizer())) {
            encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS);
        }
        return new AbstractInProcessEmbeddingModel(null) {
            @Override
            protected OnnxBertBiEncoder model() {
                return encoder;
            }
        };
    }

    /** Whether the model has loaded (or failed to: the next embedding says why). */
    public boolean ready() {
        return model.isDone();
    }

    private EmbeddingModel model() {
        try {
            return model.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the embedding model could not be loaded: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        BATCHES.incrementAndGet();
        try {
            if (batchesStopped) {
                throw new IllegalStateException("citebot is stopping: no more passages are embedded");
            }
            List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
            List<Embedding> embeddings = model().embedAll(segments).content();
            List<float[]> out = new ArrayList<>(embeddings.size());
            for (Embedding e : embeddings) {
                out.add(Vectors.normalize(e.vector()));
            }
            return out;
        } finally {
            BATCHES.decrementAndGet();
        }
    }

    /** Batches of passages (an ingest's) being embedded now. */
    private static final AtomicInteger BATCHES = new AtomicInteger();
    private static volatile boolean batchesStopped;

    /**
     * Before a process ends on a signal: no new batch of passages is embedded, and the ones running are waited for
     * (at most half a minute). ONNX Runtime's own shutdown hook closed its environment under a running batch and
     * crashed the JVM (SIGSEGV in libonnxruntime, exit 134): a server stopped a quarter second after it listened,
     * while it embedded its articles folder. A question's embedding is not stopped: a stopping server still answers
     * the requests it took.
     */
    public static void stopBatches() {
        batchesStopped = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (BATCHES.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether {@link #stopBatches} was called: an ingest that fails now was stopped, not broken. */
    public static boolean batchesStopped() {
        return batchesStopped;
    }

    /** Embeds batches again (for tests, which stop them within one JVM). */
    static void allowBatches() {
        batchesStopped = false;
    }

    @Override
    public float[] embedQuery(String question) {
        return Vectors.normalize(model().embed(question).content().vector());
    }
}
