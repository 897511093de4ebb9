package io.citebot.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * All settings, read once at start-up from environment variables and, beneath them, an optional properties
 * file ({@code CITEBOT_CONFIG}, else {@code ./citebot.properties}). A bad value fails with the variable's name.
 *
 * @param minConfidence evidence strength below which the bot refuses (see docs/answers.md, "Refusal calibration")
 * @param publicUrl     where people reach this server (links from Slack to the chat page), without a final "/"
 */
public record Config(Path dataDir, Path seedsDir, Path promptsDir, String host, int port, int topK,
                     int answerSentences, double minConfidence, double minLexicalConfidence, int maxQuestionChars,
                     RetrievalMode retrievalMode,
                     double bm25Weight, FusionMethod fusion, LlmConfig llm, Duration conversationTtl,
                     String publicUrl, SlackSettings slack, ApiSettings api, FeedSettings feeds, DatabaseSettings database,
                     IndexSettings index, WatchSettings watches) {

    /** One setting: its environment variable, its properties-file key, its default. */
    public record Key(String env, String property, String defaultValue, String description) {
    }

    public static final Key DATA_DIR = new Key("CITEBOT_DATA_DIR", "data.dir", "data", "folder for the index and other state");
    public static final Key SEEDS_DIR = new Key("CITEBOT_SEEDS_DIR", "seeds.dir", "seeds", "articles that `serve` and `ask` keep ingested");
    public static final Key PROMPTS_DIR = new Key("CITEBOT_PROMPTS_DIR", "prompts.dir", "prompts", "prompt templates");
    public static final Key HOST = new Key("CITEBOT_HOST", "server.host", "127.0.0.1", "address to listen on (0.0.0.0 for the whole network)");
    public static final Key PORT = new Key("CITEBOT_PORT", "server.port", "7070", "HTTP port");
    public static final Key TOP_K = new Key("CITEBOT_TOP_K", "retrieval.top_k", "8", "passages retrieved per question");
    public static final Key ANSWER_SENTENCES = new Key("CITEBOT_ANSWER_SENTENCES", "answer.max_sentences", "3", "most sentences in an extractive answer");
    public static final Key MIN_CONFIDENCE = new Key("CITEBOT_MIN_CONFIDENCE", "answer.min_confidence", "0.6", "refuse below this evidence strength (0..1), hybrid and dense modes");
    public static final Key MIN_CONFIDENCE_BM25 = new Key("CITEBOT_MIN_CONFIDENCE_BM25", "answer.min_confidence_bm25", "0.55",
            "the same in bm25 mode, where evidence has no cosine part");
    public static final Key MAX_QUESTION_CHARS = new Key("CITEBOT_MAX_QUESTION_CHARS", "chat.max_question_chars", "2000", "longest question accepted");

    public static final Key RETRIEVAL_MODE = new Key("CITEBOT_RETRIEVAL_MODE", "retrieval.mode", "hybrid", "bm25, dense or hybrid");
    public static final Key BM25_WEIGHT = new Key("CITEBOT_HYBRID_BM25_WEIGHT", "retrieval.hybrid.bm25_weight",
            String.valueOf(FusionMethod.DEFAULT_BM25_WEIGHT), "weight of BM25 against cosine in hybrid mode (0..1)");

    public static final Key FUSION = new Key("CITEBOT_HYBRID_FUSION", "retrieval.hybrid.fusion", "weighted",
            "weighted (normalised score sum) or rrf (reciprocal rank fusion)");

    public static final Key LLM_PROVIDER = new Key("CITEBOT_LLM_PROVIDER", "llm.provider", "none", "none, openai, ollama or jlama");
    public static final Key LLM_BASE_URL = new Key("CITEBOT_LLM_BASE_URL", "llm.base_url", "",
            "endpoint (openai: https://api.openai.com/v1; ollama: http://localhost:11434)");
    public static final Key LLM_MODEL = new Key("CITEBOT_LLM_MODEL", "llm.model", "", "model name (required with a provider)");
    /** Secret: read from the environment only, never from the properties file. */
    public static final String LLM_API_KEY_ENV = "CITEBOT_LLM_API_KEY";
    public static final Key LLM_MODEL_DIR = new Key("CITEBOT_LLM_MODEL_DIR", "llm.model_dir", "", "jlama: local model folder");
    public static final Key LLM_TIMEOUT = new Key("CITEBOT_LLM_TIMEOUT", "llm.timeout", "30s", "longest model call (e.g. 30s, 500ms)");
    public static final Key LLM_TEMPERATURE = new Key("CITEBOT_LLM_TEMPERATURE", "llm.temperature", "0.1", "sampling temperature (0..2)");
    public static final Key LLM_MAX_TOKENS = new Key("CITEBOT_LLM_MAX_TOKENS", "llm.max_tokens", "400", "longest answer, in tokens");
    public static final Key LLM_RETRIES = new Key("CITEBOT_LLM_RETRIES", "llm.retries", "2", "retries after a timeout, 429 or 5xx");
    public static final Key LLM_RETRY_DELAY = new Key("CITEBOT_LLM_RETRY_DELAY", "llm.retry_delay", "500ms", "first retry's wait, doubled each time");
    public static final Key CONVERSATION_TTL = new Key("CITEBOT_CONVERSATION_TTL", "chat.conversation_ttl", "30d",
            "how long a conversation is kept after its last turn (e.g. 30d, 12h)");
    public static final Key HISTORY_TURNS = new Key("CITEBOT_HISTORY_TURNS", "chat.history_turns", "5", "turns of a conversation kept for follow-ups");

    public static final Key PUBLIC_URL = new Key("CITEBOT_PUBLIC_URL", "server.public_url", "",
            "the address people use to reach this server, for links from Slack (default: http://localhost:PORT)");
    public static final Key SLACK_API_URL = new Key("CITEBOT_SLACK_API_URL", "slack.api_url", "https://slack.com/api/",
            "Slack Web API base URL");
    public static final Key SLACK_COMMAND_VISIBILITY = new Key("CITEBOT_SLACK_COMMAND_VISIBILITY", "slack.command_visibility",
            "ephemeral", "who sees /ask answers: ephemeral (the asker) or in_channel (everyone)");
    public static final Key SLACK_CHANNELS_OFF = new Key("CITEBOT_SLACK_CHANNELS_OFF", "slack.channels_off", "",
            "channel ids (comma-separated) where the bot does not answer");
    public static final Key SLACK_EPHEMERAL_CHANNELS = new Key("CITEBOT_SLACK_EPHEMERAL_CHANNELS", "slack.ephemeral_channels", "",
            "channel ids where answers to mentions are visible to the asker only");
    public static final Key SLACK_DIRECT_MESSAGES = new Key("CITEBOT_SLACK_DIRECT_MESSAGES", "slack.direct_messages", "on",
            "answer direct messages: on or off");

    /** Secret: API keys from the environment only (or from the file named by API_KEYS_FILE). */
    public static final String API_KEYS_ENV = "CITEBOT_API_KEYS";
    /** Secret: keys with the admin role (all feedback, backups, article writes, metrics), from the environment only. */
    public static final String ADMIN_KEYS_ENV = "CITEBOT_ADMIN_KEYS";
    public static final Key API_KEYS_FILE = new Key("CITEBOT_API_KEYS_FILE", "api.keys_file", "", "file of API keys, one a line");
    public static final Key RATE_LIMIT = new Key("CITEBOT_RATE_LIMIT", "api.rate_limit", "0",
            "answers a minute per API key (per client address without keys); 0: no limit");
    public static final Key CORS_ORIGINS = new Key("CITEBOT_CORS_ORIGINS", "api.cors_origins", "",
            "web origins allowed to call the API from their pages (comma-separated)");
    public static final Key REQUEST_TIMEOUT = new Key("CITEBOT_REQUEST_TIMEOUT", "api.request_timeout", "60s",
            "the longest an answer may take before the request gets 503");
    public static final Key SOURCES_LIST = new Key("CITEBOT_OPENAI_SOURCES_LIST", "openai.sources_list", "on",
            "append a Sources list to /v1 answers: on or off");

    public static final Key FEEDS = new Key("CITEBOT_FEEDS", "feeds.urls", "", "RSS or Atom feed URLs to follow (comma-separated)");
    public static final Key FEEDS_FILE = new Key("CITEBOT_FEEDS_FILE", "feeds.file", "", "a file of feed URLs, one a line");
    public static final Key FEED_INTERVAL = new Key("CITEBOT_FEED_INTERVAL", "feeds.interval", "15m", "how often each feed is polled");
    public static final Key FEED_TIMEOUT = new Key("CITEBOT_FEED_TIMEOUT", "feeds.timeout", "20s", "longest wait for a feed or a page");

    public static final Key DB_URL = new Key("CITEBOT_DB_URL", "db.url", "",
            "a shared database for conversations and feedback (jdbc:postgresql://HOST:PORT/DB); default: H2 in the data folder");
    public static final Key DB_USER = new Key("CITEBOT_DB_USER", "db.user", "citebot", "its user (the password: CITEBOT_DB_PASSWORD, environment only)");

    public static final Key INDEX_BACKEND = new Key("CITEBOT_INDEX_BACKEND", "index.backend", "lucene",
            "lucene (the embedded index in the data folder) or solr (a SolrCloud collection replicas share)");
    public static final Key SOLR_URL = new Key("CITEBOT_SOLR_URL", "solr.url", "",
            "Solr node URLs, comma-separated (http://HOST:8983/solr), with CITEBOT_INDEX_BACKEND=solr");
    public static final Key SOLR_COLLECTION = new Key("CITEBOT_SOLR_COLLECTION", "solr.collection", "citebot", "the Solr collection");
    public static final Key SOLR_SHARDS = new Key("CITEBOT_SOLR_SHARDS", "solr.shards", "2", "shards of the collection when citebot creates it");
    public static final Key SOLR_REPLICAS = new Key("CITEBOT_SOLR_REPLICAS", "solr.replicas", "2",
            "copies of each shard, on different nodes, when citebot creates the collection");
    public static final Key SOLR_WRITES = new Key("CITEBOT_SOLR_WRITES", "solr.writes", "on",
            "on: this process writes to the collection (folder sync, feeds, write API); off: it only answers");

    public static final Key SOLR_USER = new Key("CITEBOT_SOLR_USER", "solr.user", "",
            "a user of Solr's Basic authentication (the password: CITEBOT_SOLR_PASSWORD, environment only); empty: none");

    public static final Key WATCH_INTERVAL = new Key("CITEBOT_WATCH_INTERVAL", "watch.interval", "1m",
            "how often watches are checked for new articles (at most one post per watch each time)");
    public static final Key WATCH_MIN_CONFIDENCE = new Key("CITEBOT_WATCH_MIN_CONFIDENCE", "watch.min_confidence", "0.55",
            "a new article is posted to a watch from this evidence strength for its topic (0..1; answers use CITEBOT_MIN_CONFIDENCE)");
    public static final Key WEBHOOK_ALLOW_PRIVATE = new Key("CITEBOT_WEBHOOK_ALLOW_PRIVATE", "watch.webhook_allow_private", "false",
            "true lets watches POST to loopback and private-network addresses");

    public static final Key BACKUP_DIR = new Key("CITEBOT_BACKUP_DIR", "backup.dir", "",
            "folder under which POST /api/admin/backup writes (default: DATA_DIR/backups)");

    public static final Key[] KEYS = {DATA_DIR, SEEDS_DIR, PROMPTS_DIR, HOST, PORT, TOP_K, ANSWER_SENTENCES,
            MIN_CONFIDENCE, MIN_CONFIDENCE_BM25, MAX_QUESTION_CHARS, RETRIEVAL_MODE, BM25_WEIGHT, FUSION, LLM_PROVIDER, LLM_BASE_URL,
            LLM_MODEL, LLM_MODEL_DIR, LLM_TIMEOUT, LLM_TEMPERATURE, LLM_MAX_TOKENS, LLM_RETRIES, LLM_RETRY_DELAY,
            HISTORY_TURNS, CONVERSATION_TTL, PUBLIC_URL, SLACK_API_URL, SLACK_COMMAND_VISIBILITY, SLACK_CHANNELS_OFF,
            SLACK_EPHEMERAL_CHANNELS, SLACK_DIRECT_MESSAGES, API_KEYS_FILE, RATE_LIMIT, CORS_ORIGINS, SOURCES_LIST, REQUEST_TIMEOUT, FEEDS, FEEDS_FILE, FEED_INTERVAL, FEED_TIMEOUT, DB_URL, DB_USER,
            INDEX_BACKEND, SOLR_URL, SOLR_COLLECTION, SOLR_SHARDS, SOLR_REPLICAS, SOLR_WRITES, SOLR_USER, BACKUP_DIR,
            WATCH_INTERVAL, WATCH_MIN_CONFIDENCE, WEBHOOK_ALLOW_PRIVATE};

    public Path indexDir() {
        return dataDir.resolve("index");
    }

    /** Where the embedding model is copied out of the jar once, so starts read it from disk. */
    public Path modelDir() {
        return dataDir.resolve("model");
    }

    /** What the feed follower remembers between polls. */
    public Path feedStateFile() {
        return dataDir.resolve("feeds.json");
    }

    /** Where backups asked for over HTTP go: {@link #BACKUP_DIR}, by default the data folder's {@code backups/}. */
    public Path backupDir() {
        return api.backupDir() != null ? api.backupDir() : dataDir.resolve("backups");
    }

    /** The conversation database file (H2 adds ".mv.db"). */
    public Path conversationsFile() {
        return dataDir.resolve("conversations");
    }

    /** Reads the process environment and the properties file. */
    public static Config load() {
        return load(System.getenv());
    }

    public static Config load(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        String file = env.get("CITEBOT_CONFIG");
        Path path = Path.of(file != null ? file : "citebot.properties");
        if (file != null && !Files.isRegularFile(path)) {
            throw new ConfigException("CITEBOT_CONFIG: no such file: " + path);
        }
        if (Files.isRegularFile(path)) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(path)) {
                props.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("CITEBOT_CONFIG: cannot read " + path + ": " + e.getMessage());
            }
            for (Key k : KEYS) {
                if (props.getProperty(k.property()) != null) {
                    values.put(k.env(), props.getProperty(k.property()).strip());
                }
            }
        }
        for (Key k : KEYS) {
            if (env.get(k.env()) != null) {
                values.put(k.env(), env.get(k.env()).strip());
            }
        }
        Function<Key, String> get = k -> values.getOrDefault(k.env(), k.defaultValue());
        int port = integer(get, PORT, 0, 65535);
        return new Config(
                path(get, DATA_DIR), path(get, SEEDS_DIR), path(get, PROMPTS_DIR),
                nonBlank(get, HOST),
                port,
                integer(get, TOP_K, 1, 100),
                integer(get, ANSWER_SENTENCES, 1, 10),
                decimal(get, MIN_CONFIDENCE, 0, 1),
                decimal(get, MIN_CONFIDENCE_BM25, 0, 1),
                integer(get, MAX_QUESTION_CHARS, 10, 100_000),
                mode(get),
                decimal(get, BM25_WEIGHT, 0, 1),
                fusion(get),
                BackendSettings.llm(get, env.get(LLM_API_KEY_ENV)),
                duration(get, CONVERSATION_TTL),
                DoorSettings.publicUrl(get, port),
                DoorSettings.slack(get, env),
                DoorSettings.api(get, env),
                DoorSettings.feeds(get),
                BackendSettings.database(get, env),
                BackendSettings.index(get, env),
                DoorSettings.watches(get, env));
    }

    /** "30s", "500ms", "2m", "12h", "30d" or plain seconds. */
    static Duration duration(Function<Key, String> get, Key k) {
        String v = get.apply(k).strip().toLowerCase(Locale.ROOT);
        var m = Pattern.compile("(\\d{1,7})\\s*(ms|s|m|h|d)?").matcher(v);
        if (!m.matches()) {
            throw new ConfigException(k.env() + " must be a duration such as 30s, 500ms, 2m, 12h or 30d, was \"" + v + "\"");
        }
        long n = Long.parseLong(m.group(1));
        var d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new ConfigException(k.env() + " must be more than zero");
        }
        return d;
    }

    private static FusionMethod fusion(Function<Key, String> get) {
        String v = get.apply(FUSION);
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "weighted" -> FusionMethod.WEIGHTED;
            case "rrf" -> FusionMethod.RRF;
            default -> throw new ConfigException(FUSION.env() + " must be weighted or rrf, was \"" + v + "\"");
        };
    }

    private static RetrievalMode mode(Function<Key, String> get) {
        try {
            return RetrievalMode.parse(get.apply(RETRIEVAL_MODE));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(RETRIEVAL_MODE.env() + ": " + e.getMessage());
        }
    }

    /** A copy with another articles folder and port, for command-line flags. */
    public Config with(Path seeds, Integer newPort) {
        // the default public address follows the port
        String url = newPort != null && publicUrl.equals("http://localhost:" + port) ? "http://localhost:" + newPort : publicUrl;
        return new Config(dataDir, seeds != null ? seeds : seedsDir, promptsDir, host,
                newPort != null ? newPort : port, topK, answerSentences, minConfidence, minLexicalConfidence, maxQuestionChars,
                retrievalMode, bm25Weight, fusion, llm, conversationTtl, url, slack, api, feeds, database, index, watches);
    }

    /** A copy with another data folder, for benchmark indexes. */
    public Config withDataDir(Path dir) {
        return new Config(dir, seedsDir, promptsDir, host, port, topK, answerSentences, minConfidence,
                minLexicalConfidence, maxQuestionChars, retrievalMode, bm25Weight, fusion, llm, conversationTtl, publicUrl, slack, api, feeds, database, index, watches);
    }

    /** A copy with another index backend setting (benchmarks give each data set its own collection). */
    public Config withIndex(IndexSettings newIndex) {
        return new Config(dataDir, seedsDir, promptsDir, host, port, topK, answerSentences, minConfidence,
                minLexicalConfidence, maxQuestionChars, retrievalMode, bm25Weight, fusion, llm, conversationTtl, publicUrl, slack, api, feeds, database, newIndex, watches);
    }

    static Path path(Function<Key, String> get, Key k) {
        try {
            return Path.of(nonBlank(get, k));
        } catch (InvalidPathException e) {
            throw new ConfigException(k.env() + " is not a usable path: " + e.getReason());
        }
    }

    private static String nonBlank(Function<Key, String> get, Key k) {
        String v = get.apply(k);
        if (v.isBlank()) {
            throw new ConfigException(k.env() + " must not be empty");
        }
        return v;
    }

    static int integer(Function<Key, String> get, Key k, int min, int max) {
        String v = get.apply(k);
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new ConfigException(k.env() + " must be between " + min + " and " + max + ", was " + v);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConfigException(k.env() + " must be a whole number, was \"" + v + "\"");
        }
    }

    static double decimal(Function<Key, String> get, Key k, double min, double max) {
        String v = get.apply(k);
        try {
            double d = Double.parseDouble(v);
            if (!(d >= min && d <= max)) {
                throw new ConfigException(k.env() + " must be between " + min + " and " + max + ", was " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(k.env() + " must be a number, was \"" + v + "\"");
        }
    }
}
