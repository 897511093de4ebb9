package io.citebot.watch;

import io.citebot.answer.Answerer;
import io.citebot.chat.ChatService;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.SearchOptions;
import io.citebot.eval.EvalQuery;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Watches replayed on a QA set whose articles are dated: for each question with a dated gold article, a watch of the
 * question is made the day before that article (everything older counts as seen), then the week from that day
 * "arrives" and the watch is checked once, as {@link Watches#check} does. Recall: the gold article is among what the
 * watch posts. Precision: of the articles it posts, those that are gold or hold a gold answer (a lower bound: other
 * reports on the story count as wrong). The archive is the eval index; arrival is simulated with date filters.
 */
public final class WatchReplay {

    /** What the replay found. */
    public record Report(int watches, int posting, int goldPosted, int postedArticles, int postedRelevant,
                         double checkMillisP50, double checkMillisP99, List<Sweep> sweep) {

        public double recall() {
            return watches == 0 ? 0 : (double) goldPosted / watches;
        }

        public double precision() {
            return postedArticles == 0 ? 0 : (double) postedRelevant / postedArticles;
        }

        public String text() {
            StringBuilder b = new StringBuilder();
            for (Sweep w : sweep) {
                b.append(String.format(Locale.ROOT, "  evidence >= %.2f: recall %.3f  precision %.3f (%d posted)%n", w.threshold(),
                        w.recall(), w.precision(), w.posted()));
            }
            return String.format(Locale.ROOT, "watches    %d replayed (a week of arrivals each), %d posted: recall %.3f (gold article posted)"
                            + "  precision %.3f (%d of %d posted articles gold or holding a gold answer)%n"
                            + "           check time p50 %.1f ms  p99 %.1f ms (search %d passages deep + matching)%n",
                    watches, posting, recall(), precision(), postedRelevant, postedArticles, checkMillisP50, checkMillisP99,
                    Watches.DEPTH) + "           the matching threshold swept (an article matches at this evidence strength):\n" + b;
        }
    }

    /** Recall and precision had a new article matched at {@code threshold} evidence strength. */
    public record Sweep(double threshold, double recall, double precision, int posted) {
    }

    /** Thresholds swept around the answers' 0.6. */
    static final double[] THRESHOLDS = {0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8};

    /** An article of the set: its date and text. */
    public record Doc(LocalDate date, String text) {
    }

    private WatchReplay() {
    }

    public static Report run(ChatService chat, Answerer matcher, List<EvalQuery> qs, Map<String, Doc> docs) {
        return run(chat, matcher, qs, docs, (q, gold, posted) -> { });
    }

    /** One replayed watch: its question, its gold article, and the articles it would post (with their titles). */
    @FunctionalInterface
    public interface Detail {
        void watch(EvalQuery question, String gold, Map<String, String> posted);
    }

    public static Report run(ChatService chat, Answerer matcher, List<EvalQuery> qs, Map<String, Doc> docs, Detail detail) {
        int watches = 0;
        int posting = 0;
        int goldPosted = 0;
        int posted = 0;
        int relevant = 0;
        List<Double> millis = new ArrayList<>();
        int[] sweepGold = new int[THRESHOLDS.length];
        int[] sweepPosted = new int[THRESHOLDS.length];
        int[] sweepRelevant = new int[THRESHOLDS.length];
        for (EvalQuery q : qs) {
            String gold = q.evidenceDocIds().stream().filter(id -> docs.containsKey(id) && docs.get(id).date() != null)
                    .findFirst().orElse(null);
            if (gold == null) {
                continue;
            }
            LocalDate arrives = docs.get(gold).date();
            Set<String> seen = new HashSet<>();
            try {
                chat.search(q.question(), Watches.DEPTH, options(arrives.minusDays(1)), false).forEach(h -> seen.add(h.article().id()));
            } catch (InvalidInputException e) {
                continue;
            }
            watches++;
            long t0 = System.nanoTime();
            List<Hit> hits = chat.search(q.question(), Watches.DEPTH, options(arrives.plusDays(6)), false);
            Watches.Selection s = Watches.select(hits, seen, matcher, q.question());
            millis.add((System.nanoTime() - t0) / 1e6);
            Set<String> postedIds = new HashSet<>();
            Map<String, String> titles = new LinkedHashMap<>();
            s.matching().forEach(h -> {
                postedIds.add(h.article().id());
                titles.putIfAbsent(h.article().id(), h.article().title());
            });
            detail.watch(q, gold, titles);
            if (!postedIds.isEmpty()) {
                posting++;
            }
            if (postedIds.contains(gold)) {
                goldPosted++;
            }
            for (String id : postedIds) {
                posted++;
                if (relevant(q, id, docs)) {
                    relevant++;
                }
            }
            for (int t = 0; t < THRESHOLDS.length; t++) {
                for (var e : s.evidence().entrySet()) {
                    if (e.getValue() >= THRESHOLDS[t]) {
                        sweepPosted[t]++;
                        sweepGold[t] += e.getKey().equals(gold) ? 1 : 0;
                        sweepRelevant[t] += relevant(q, e.getKey(), docs) ? 1 : 0;
                    }
                }
            }
        }
        millis.sort(Double::compare);
        List<Sweep> sweep = new ArrayList<>();
        for (int t = 0; t < THRESHOLDS.length; t++) {
            sweep.add(new Sweep(THRESHOLDS[t], watches == 0 ? 0 : (double) sweepGold[t] / watches,
                    sweepPosted[t] == 0 ? 0 : (double) sweepRelevant[t] / sweepPosted[t], sweepPosted[t]));
        }
        return new Report(watches, posting, goldPosted, posted, relevant, percentile(millis, 0.5), percentile(millis, 0.99), sweep);
    }

    /** Whether a posted article is right for the question: its gold article, or one that holds a gold answer. */
    private static boolean relevant(EvalQuery q, String id, Map<String, Doc> docs) {
        String text = docs.containsKey(id) ? docs.get(id).text().toLowerCase(Locale.ROOT) : "";
        return q.evidenceDocIds().contains(id)
                || q.answers().stream().anyMatch(a -> !a.isBlank() && text.contains(strip(a).toLowerCase(Locale.ROOT)));
    }

    /** Answers as quiz sets print them, without their quotes. */
    private static String strip(String answer) {
        return answer.replaceAll("^[\"“”'‘’]+|[\"“”'‘’]+$", "").strip();
    }

    private static SearchOptions options(LocalDate to) {
        return new SearchOptions(null, new Filters(null, to, null), null);
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
