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
 * Not part of the suite: the in-process cost of a question on two copies of an index (say, as an older citebot wrote it
 * and as it is written now), both open in one process and asked each question in turn, which copy goes first
 * alternating from question to question, so that both meet the same noise. Each question goes through
 * {@code ChatService} as in {@code eval}, its embedding timed in the same run; a first round warms up. Prints, for each
 * copy, the medians and tails of the whole question, its embedding and the rest (each question less its embedding):
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/citebot.jar:target/test-classes io.citebot.bench.AskPairBench \
 *      DATA_A DATA_B QUERIES.jsonl [ROUNDS]
 * </pre>
 * {@code DATA_A} and {@code DATA_B} are data folders (an index and a model copy each; {@code citebot eval}'s
 * {@code DATA/eval/HASH} folders are).
 */
public final class AskPairBench {

    private AskPairBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: AskPairBench DATA_A DATA_B QUERIES.jsonl [ROUNDS]");
            System.exit(2);
        }
        List<EvalQuery> questions = QueryFile.read(Path.of(args[2]));
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        try (Citebot a = Citebot.open(Config.load(Map.of()).withDataDir(Path.of(args[0])), true);
             Citebot b = Citebot.open(Config.load(Map.of()).withDataDir(Path.of(args[1])), true)) {
            Evaluator[] evaluators = {new Evaluator(a.chat(), RetrievalMode.HYBRID), new Evaluator(b.chat(), RetrievalMode.HYBRID)};
            int n = questions.size();
            double[][] total = new double[2][n * rounds];
            double[][] embedding = new double[2][n * rounds];
            double[][] rest = new double[2][n * rounds];
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                for (int i = 0; i < n; i++) {
                    int first = (i + Math.max(r, 0)) & 1;
                    for (int turn = 0; turn < 2; turn++) {
                        int copy = first ^ turn;
                        Evaluator.Outcome o = evaluators[copy].runOnce(List.of(questions.get(i))).getFirst();
                        if (r >= 0) {
                            total[copy][r * n + i] = o.millis();
                            embedding[copy][r * n + i] = o.embeddingMillis();
                            rest[copy][r * n + i] = o.millis() - o.embeddingMillis();
                        }
                    }
                }
            }
            for (int copy = 0; copy < 2; copy++) {
                System.out.printf("%s (%s): %d questions x %d rounds: question p50 %.2f ms p99 %.2f ms; embedding p50 %.2f ms;"
                                + " the rest p50 %.2f ms p90 %.2f ms p99 %.2f ms mean %.2f ms%n", copy == 0 ? "A" : "B", args[copy],
                        n, rounds, AskBench.pct(total[copy], 0.5), AskBench.pct(total[copy], 0.99), AskBench.pct(embedding[copy], 0.5),
                        AskBench.pct(rest[copy], 0.5), AskBench.pct(rest[copy], 0.9), AskBench.pct(rest[copy], 0.99), Arrays.stream(rest[copy]).average().orElse(0));
            }
        }
    }
}
