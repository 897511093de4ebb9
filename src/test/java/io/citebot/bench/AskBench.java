package io.citebot.bench;

import io.citebot.Citebot;
import io.citebot.config.Config;
import io.citebot.config.RetrievalMode;
import io.citebot.eval.EvalQuery;
import io.citebot.eval.Evaluator;
import io.citebot.eval.QueryFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Not part of the suite: the in-process cost of a question, many rounds of one question set in one process, so that
 * two builds can be compared in interleaved runs with less noise than one {@code citebot eval} each. Each question
 * goes through {@code ChatService} as in {@code eval} (its embedding timed in the same run); a first round warms up.
 * Prints the medians and 99th percentiles of the whole question, its embedding and the rest (each question less its
 * own embedding):
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/citebot.jar:target/test-classes io.citebot.bench.AskBench \
 *      DATA/eval/HASH QUERIES.jsonl [ROUNDS]
 * </pre>
 * {@code DATA/eval/HASH} is the folder {@code citebot eval} made for the set (its index and model copy).
 */
public final class AskBench {

    private AskBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: AskBench EVAL_DATA_DIR QUERIES.jsonl [ROUNDS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<EvalQuery> questions = QueryFile.read(Path.of(args[1]));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Config config = Config.load(Map.of()).withDataDir(dir);
        try (Citebot bot = Citebot.open(config, true)) {
            Evaluator evaluator = new Evaluator(bot.chat(), RetrievalMode.HYBRID);
            evaluator.runOnce(questions); // warm-up
            int n = questions.size();
            double[] total = new double[n * rounds];
            double[] embedding = new double[n * rounds];
            double[] rest = new double[n * rounds];
            for (int r = 0; r < rounds; r++) {
                List<Evaluator.Outcome> outcomes = evaluator.runOnce(questions);
                for (int i = 0; i < n; i++) {
                    Evaluator.Outcome o = outcomes.get(i);
                    total[r * n + i] = o.millis();
                    embedding[r * n + i] = o.embeddingMillis();
                    rest[r * n + i] = o.millis() - o.embeddingMillis();
                }
            }
            System.out.printf("%d questions x %d rounds, %d passages: question p50 %.2f ms p99 %.2f ms; embedding p50 %.2f ms"
                            + " p99 %.2f ms; the rest p50 %.2f ms p99 %.2f ms%n", n, rounds, bot.index().passageCount(),
                    pct(total, 0.5), pct(total, 0.99), pct(embedding, 0.5), pct(embedding, 0.99), pct(rest, 0.5), pct(rest, 0.99));
        }
    }

    static double pct(double[] xs, double p) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)];
    }
}
