package io.citebot;

import io.citebot.answer.ExtractiveAnswerer;
import io.citebot.answer.Prompts;
import io.citebot.api.ArticleLinks;
import io.citebot.chat.ArticleService;
import io.citebot.chat.ChatService;
import io.citebot.chat.Conversations;
import io.citebot.chat.WatchStore;
import io.citebot.config.Config;
import io.citebot.config.RetrievalMode;
import io.citebot.index.BgeEmbedder;
import io.citebot.index.Embedder;
import io.citebot.index.IndexBackend;
import io.citebot.index.IngestReport;
import io.citebot.index.Ingester;
import io.citebot.index.SearchBackend;
import io.citebot.index.TimedEmbedder;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.LuceneBackend;
import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.Chunker;
import io.citebot.retrieval.ModeRetriever;
import io.citebot.retrieval.Retriever;
import io.citebot.watch.Watches;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything wired by hand: the index ({@link Indexes}), the ingester, retrievers, answering ({@link Answering}),
 * conversations and the chat service every door calls. The doors are composed by the CLI's {@code serve}.
 */
public final class Citebot implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Citebot.class);

    private final Config config;
    private final IndexBackend index;
    /** Set when closing begins: an ingest that fails then was stopped, not broken. */
    private volatile boolean closing;
    private final Ingester ingester;
    private final Embedder embedder;
    /** The model as given (the embedder above times it). */
    private final Embedder model;
    private final Prompts prompts;
    private final Map<RetrievalMode, Retriever> retrievers;
    private final ExtractiveAnswerer answerer;
    private final ExtractiveAnswerer watchMatcher;
    private final Conversations conversations;
    private final ChatService chat;
    private final ArticleService articles;
    private final Watches watches;

    private Citebot(Config config, IndexBackend index, Embedder model) {
        TimedEmbedder embedder = new TimedEmbedder(model);
        this.config = config;
        this.index = index;
        this.embedder = embedder;
        this.model = model;
        this.ingester = new Ingester(index, new ArticleParser(), Chunker.defaults(), embedder);
        this.prompts = Prompts.load(config.promptsDir());
        SearchBackend backend = Indexes.search(index);
        this.retrievers = Indexes.retrievers(backend, embedder, config);
        Answering answering = Answering.from(config, index, prompts);
        this.answerer = answering.extractive();
        this.conversations = conversations(config);
        this.chat = new ChatService(new ModeRetriever(retrievers, config.retrievalMode()), answering.answerer(), index, backend,
                ingester.progress(), conversations, answering.rewriter(), config.topK(), config.maxQuestionChars());
        chat.timeEmbeddingWith(embedder::takeNanos);
        if (model instanceof BgeEmbedder bge) {
            chat.readyWhen(bge::ready);
        }
        this.articles = new ArticleService(ingester, index::articles);
        this.watchMatcher = answering.watchExtractive();
        this.watches = new Watches(chat, answering.watchExtractive(), answering.watchBriefs(), new WatchStore(conversations),
                new ArticleLinks(config.publicUrl(), config.api().keys()), config.watches()).checkingWhen(ingester::commits);
    }

    /** Conversations and feedback: in H2 in the data folder, or in PostgreSQL shared by replicas. */
    private static Conversations conversations(Config config) {
        var db = config.database();
        return db.shared()
                ? Conversations.shared(db.url(), db.user(), db.password(), config.llm().historyTurns(), config.conversationTtl())
                : new Conversations(config.conversationsFile(), config.llm().historyTurns(), config.conversationTtl());
    }

    /** One retriever per mode over the same index. */
    public static Map<RetrievalMode, Retriever> retrievers(SearchBackend backend, Embedder embedder, Config config) {
        return Indexes.retrievers(backend, embedder, config);
    }

    /** One retriever per mode over the embedded Lucene index. */
    public static Map<RetrievalMode, Retriever> retrievers(ArticleIndex index, Embedder embedder, Config config) {
        return retrievers(new LuceneBackend(index), embedder, config);
    }

    /**
     * Opens the index for writing. With {@code readOnlyIfLocked}, a second process (an {@code ask} while
     * {@code serve} runs) falls back to reading the index as it is.
     */
    public static Citebot open(Config config, boolean readOnlyIfLocked) throws IOException {
        return open(config, readOnlyIfLocked, BgeEmbedder.loading(config.modelDir()));
    }

    /** As {@link #open(Config, boolean)}, with a given embedder (the model takes a second to load; tests share one). */
    public static Citebot open(Config config, boolean readOnlyIfLocked, Embedder embedder) throws IOException {
        IndexBackend index = Indexes.open(config, readOnlyIfLocked);
        try {
            Citebot bot = new Citebot(config, index, embedder);
            Signals.opened();
            return bot;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** Ingests what changed in the configured articles folder; nothing when it does not exist or the index is read-only. */
    public IngestReport syncSeeds() throws IOException {
        if (!index.writable()) {
            return null;
        }
        if (!Files.isDirectory(config.seedsDir())) {
            log.warn("Articles folder {} does not exist; nothing to ingest", config.seedsDir().toAbsolutePath());
            return null;
        }
        return ingester.ingest(config.seedsDir());
    }

    /** How long serve waits before it tries a failed ingest again (a full disk): it resumes by itself when it can. */
    public static final Duration INGEST_RETRY = Duration.ofSeconds(30);

    /**
     * {@link #syncSeeds} until it succeeds: a failure of the whole ingest (a full disk, an unreadable folder) is
     * logged, shown in {@code /health}, and tried again every {@code retry}, until this thread is interrupted.
     */
    public void syncSeedsUntilDone(Duration retry) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                syncSeeds();
                return;
            } catch (Exception e) {
                if (closing || BgeEmbedder.batchesStopped()) {
                    // stopped part way (SIGTERM while the seeds are read): the next start goes on from what was committed
                    log.info("Ingest of {} stopped: citebot is stopping", config.seedsDir());
                    return;
                }
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                log.error("Ingest of {} failed: {}; trying again in {} s", config.seedsDir(), reason, retry.toSeconds());
                ingester.progress().failed(reason + " (trying again every " + retry.toSeconds() + " s)");
            }
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    public Config config() {
        return config;
    }

    /** The index backend: the embedded Lucene index, or a SolrCloud collection. */
    public IndexBackend index() {
        return index;
    }

    public Ingester ingester() {
        return ingester;
    }

    public Map<RetrievalMode, Retriever> retrievers() {
        return retrievers;
    }

    public Embedder embedder() {
        return embedder;
    }

    public ExtractiveAnswerer answerer() {
        return answerer;
    }

    /** The extractive answerer at the watches' evidence threshold: which new articles match a watch. */
    public ExtractiveAnswerer watchMatcher() {
        return watchMatcher;
    }

    public Prompts prompts() {
        return prompts;
    }

    public ChatService chat() {
        return chat;
    }

    public Conversations conversations() {
        return conversations;
    }

    /** Followed topics and their posts (started by {@code serve}). */
    public Watches watches() {
        return watches;
    }

    /** Articles written over HTTP or from feeds. */
    public ArticleService articles() {
        return articles;
    }

    @Override
    public void close() throws IOException {
        closing = true;
        BgeEmbedder.awaitLoadsUnderWay(); // an exit while the model loads crashed the runtime
        watches.close();
        try {
            conversations.close();
        } finally {
            index.close();
        }
    }
}
