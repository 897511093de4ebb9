package io.citebot.bench;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.answer.CitationValidator;
import io.citebot.answer.LlmAnswerer;
import io.citebot.config.Config;
import io.citebot.eval.Metrics;
import io.citebot.llm.FakeModelServer;
import io.citebot.llm.FakeModelServer.Reply;
import io.citebot.llm.LanguageModels;
import io.citebot.config.LlmConfig;
import io.citebot.llm.Retry;
import io.citebot.index.Hit;
import io.citebot.config.RetrievalMode;
import io.citebot.index.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test): the LLM chain's own cost around the model call, on the seeds, with a model that
 * answers at once (a fake OpenAI-compatible server on loopback). Reports, per question, the time of
 * {@link LlmAnswerer#answer} minus the time inside the model client (prompt building, citation checking), and
 * the model client's time itself (HTTP on loopback, JSON). Run:
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.citebot.bench.ChainOverhead}
 */
public final class ChainOverhead {

    static final int WARMUP = 300;
    static final int RUNS = 2000;

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("citebot-bench");
        try (FakeModelServer server = new FakeModelServer()) {
            Config config = Config.load(Map.of("CITEBOT_DATA_DIR", tmp.toString(), "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toString(),
                    "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString()));
            try (Citebot bot = Citebot.open(config, false, TestFiles.embedder())) {
                bot.syncSeeds();
                String q = "What did Dmitry Peskov say about negotiations?";
                List<Hit> hits = bot.retrievers().get(RetrievalMode.HYBRID).retrieve(new SearchRequest(q, 8));
                LlmConfig c = new LlmConfig(LlmConfig.Provider.OPENAI, server.openAiUrl(), "fake", null, null,
                        Duration.ofSeconds(5), 0.1, 300, 0, Duration.ofMillis(10), 5);
                LanguageModels.Models models = LanguageModels.build(c);
                Timed timed = new Timed(models.chat());
                LlmAnswerer answerer = new LlmAnswerer(timed, models.streaming(), bot.prompts(), bot.answerer(),
                        new CitationValidator(bot.index().analysis()), new Retry(0, Duration.ofMillis(10)), c.timeout());
                String reply = "Peskov said Russia believes the United States and Iran should resolve all problems through"
                        + " negotiations [1]. Kremlin spokesman Dmitry Peskov called for a focus on diplomacy [2].";
                double[] chain = new double[RUNS];
                double[] model = new double[RUNS];
                for (int i = 0; i < WARMUP + RUNS; i++) {
                    server.then(Reply.text(reply));
                    timed.nanos = 0;
                    long t0 = System.nanoTime();
                    answerer.answer(q, hits);
                    long total = System.nanoTime() - t0;
                    if (i >= WARMUP) {
                        chain[i - WARMUP] = (total - timed.nanos) / 1e6;
                        model[i - WARMUP] = timed.nanos / 1e6;
                    }
                }
                System.out.printf("chain overhead (excluding the model call): p50 %.3f ms, p99 %.3f ms%n",
                        Metrics.quantile(chain, 0.5), Metrics.quantile(chain, 0.99));
                System.out.printf("model client on loopback with an instant model: p50 %.3f ms, p99 %.3f ms (%d questions)%n",
                        Metrics.quantile(model, 0.5), Metrics.quantile(model, 0.99), RUNS);
            }
        }
        System.exit(0);
    }

    /** Measures the time spent inside the model client. */
    static final class Timed implements ChatModel {
        private final ChatModel delegate;
        long nanos;

        Timed(ChatModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            long t0 = System.nanoTime();
            try {
                return delegate.chat(request);
            } finally {
                nanos += System.nanoTime() - t0;
            }
        }
    }
}
