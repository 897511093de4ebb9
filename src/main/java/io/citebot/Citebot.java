package io.citebot;

import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.answer.Answerer;
import io.citebot.answer.CitationValidator;
import io.citebot.answer.ExtractiveAnswerer;
import io.citebot.answer.LlmAnswerer;
import io.citebot.chat.Conversations;
import io.citebot.chat.EntityCarryingRewriter;
import io.citebot.chat.LlmRewriter;
import io.citebot.chat.QueryRewriter;
import io.citebot.llm.LanguageModels;
import io.citebot.config.LlmConfig;
import io.citebot.llm.Retry;
import io.citebot.answer.Prompts;
import io.citebot.chat.ChatService;
import io.citebot.config.Config;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.IndexBackend;
import io.citebot.index.lucene.LuceneBackend;
import io.citebot.index.SearchBackend;
import io.citebot.index.solr.SolrIndex;
import io.citebot.index.IndexLockedException;
import io.citebot.index.IngestReport;
import io.citebot.index.Ingester;
import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.Chunker;
import io.citebot.index.BgeEmbedder;
import io.citebot.index.Embedder;
import io.citebot.retrieval.Bm25Retriever;
import io.citebot.retrieval.DenseRetriever;
import io.citebot.retrieval.HybridRetriever;
import io.citebot.retrieval.ModeRetriever;
import io.citebot.config.RetrievalMode;
import io.citebot.retrieval.Retriever;
import java.util.Map;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything wired by hand, in one place: index, ingester, retriever, answerer, chat service. */
public final class Citebot implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Citebot.class);

    private final Config config;
    private final IndexBackend index;
    private final Ingester ingester;
    private final Embedder embedder;
    private final Prompts prompts;
    private final Map<RetrievalMode, Retriever> retrievers;
    private final ExtractiveAnswerer answerer;
    private final Conversations conversations;
    private final ChatService chat;
    private final io.citebot.chat.ArticleService articles;

    private Citebot(Config config, IndexBackend index, Embedder embedder) {
        this.config = config;
        this.index = index;
        this.embedder = embedder;
        this.ingester = new Ingester(index, new ArticleParser(), Chunker.defaults(), embedder);
        this.prompts = Prompts.load(config.promptsDir());
        SearchBackend backend = index instanceof ArticleIndex lucene ? new LuceneBackend(lucene) : (SearchBackend) index;
        this.retrievers = retrievers(backend, embedder, config);
        Retriever retriever = new ModeRetriever(retrievers, config.retrievalMode());
        this.answerer = new ExtractiveAnswerer(index.analysis(), index::idf, config.answerSentences(), config.minConfidence(),
                config.minLexicalConfidence());
        this.conversations = config.database().shared()
                ? Conversations.shared(config.database().url(), config.database().user(), config.database().password(),
                        config.llm().historyTurns(), config.conversationTtl())
                : new Conversations(config.conversationsFile(), config.llm().historyTurns(), config.conversationTtl());
        LlmConfig llm = config.llm();
        Answerer chosen = answerer;
        QueryRewriter rewriter = new EntityCarryingRewriter();
        if (llm.enabled()) {
            LanguageModels.Models models = LanguageModels.build(llm);
            Retry retry = new Retry(llm.retries(), llm.retryDelay());
            chosen = new LlmAnswerer(models.chat(), models.streaming(), prompts, answerer,
                    new CitationValidator(index.analysis()), retry, llm.timeout());
            rewriter = new LlmRewriter(models.chat(), prompts.condense(), retry);
            log.info("Answers come from {} model {} at {}", llm.provider().name().toLowerCase(java.util.Locale.ROOT),
                    llm.model(), llm.baseUrl());
        }
        this.chat = new ChatService(retriever, chosen, index, backend, ingester.progress(), conversations, rewriter,
                config.topK(), config.maxQuestionChars());
        this.articles = new io.citebot.chat.ArticleService(ingester, index::articles);
    }

    /** One retriever per mode over the same index. */
    public static Map<RetrievalMode, Retriever> retrievers(io.citebot.index.SearchBackend backend, Embedder embedder, Config config) {
        return Map.of(RetrievalMode.BM25, new Bm25Retriever(backend), RetrievalMode.DENSE, new DenseRetriever(backend, embedder),
                RetrievalMode.HYBRID, new HybridRetriever(backend, embedder, config.bm25Weight(), config.fusion()));
    }

    /** One retriever per mode over the embedded Lucene index. */
    public static Map<RetrievalMode, Retriever> retrievers(ArticleIndex index, Embedder embedder, Config config) {
        return retrievers(new io.citebot.index.lucene.LuceneBackend(index), embedder, config);
    }

    /**
     * Opens the index for writing. With {@code readOnlyIfLocked}, a second process (an {@code ask} while
     * {@code serve} runs) falls back to reading the index as it is.
     */
    public static Citebot open(Config config, boolean readOnlyIfLocked) throws IOException {
        return open(config, readOnlyIfLocked, new BgeEmbedder());
    }

    /** As {@link #open(Config, boolean)}, with a given embedder (the model takes a second to load; tests share one). */
    public static Citebot open(Config config, boolean readOnlyIfLocked, Embedder embedder) throws IOException {
        EnglishAnalysis analysis = new EnglishAnalysis();
        IndexBackend index = config.index().solr()
                ? SolrIndex.open(config.index(), analysis)
                : openLucene(config, analysis, readOnlyIfLocked);
        try {
            return new Citebot(config, index, embedder);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    private static ArticleIndex openLucene(Config config, EnglishAnalysis analysis, boolean readOnlyIfLocked) throws IOException {
        try {
            return ArticleIndex.open(config.indexDir(), analysis);
        } catch (IndexLockedException e) {
            if (!readOnlyIfLocked) {
                throw e;
            }
            log.warn("{}; answering from it read-only, without ingesting changes", e.getMessage());
            return ArticleIndex.openReadOnly(config.indexDir(), analysis);
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
    public static final java.time.Duration INGEST_RETRY = java.time.Duration.ofSeconds(30);

    /**
     * {@link #syncSeeds} until it succeeds: a failure of the whole ingest (a full disk, an unreadable folder) is
     * logged, shown in {@code /health}, and tried again every {@code retry}, until this thread is interrupted.
     */
    public void syncSeedsUntilDone(java.time.Duration retry) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                syncSeeds();
                return;
            } catch (Exception e) {
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

    public Prompts prompts() {
        return prompts;
    }

    public ChatService chat() {
        return chat;
    }

    public Conversations conversations() {
        return conversations;
    }

    /** Articles written over HTTP or from feeds. */
    public io.citebot.chat.ArticleService articles() {
        return articles;
    }

    @Override
    public void close() throws IOException {
        try {
            conversations.close();
        } finally {
            index.close();
        }
    }
}
