package io.citebot.eval;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Pure metric functions over one query's ranked article ids, and text matching for answers. */
public final class Metrics {

    private Metrics() {
    }

    /** 1 if any evidence article is among the first {@code k} ranked ones, else 0. */
    public static double hitsAt(List<String> ranked, Collection<String> evidence, int k) {
        return ranked.stream().limit(k).anyMatch(evidence::contains) ? 1 : 0;
    }

    /** Share of the evidence articles found among the first {@code k}. */
    public static double recallAt(List<String> ranked, Collection<String> evidence, int k) {
        long found = evidence.stream().filter(e -> ranked.stream().limit(k).anyMatch(e::equals)).count();
        return (double) found / evidence.size();
    }

    /** 1 / rank of the first evidence article within the first {@code k}, else 0. */
    public static double reciprocalRank(List<String> ranked, Collection<String> evidence, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (evidence.contains(ranked.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** Whether an answer holds a sentence that is itself a question ("What does PSL stand for [1]?"). */
    public static boolean hasQuestionSentence(String answer) {
        return QUESTION_END.matcher(answer).find();
    }

    /** A question mark ending a sentence: before or after its citation marker and closing quotes. */
    private static final Pattern QUESTION_END =
            Pattern.compile("\\?(\\s*\\[\\d+])*[\"”’')]*(\\s|$)|\\[\\d+]\\?");

    /** Whether any gold answer occurs in {@code text}, compared case-, accent- and punctuation-insensitively, on word boundaries. */
    public static boolean containsAnswer(String text, Collection<String> answers) {
        String haystack = " " + normalize(text) + " ";
        return answers.stream().map(Metrics::normalize).filter(a -> !a.isEmpty())
                .anyMatch(a -> haystack.contains(" " + a + " "));
    }

    /** SQuAD's exact match: 1 when {@code prediction} equals a gold answer once both are {@link #squadTokens normalised}. */
    public static double exactMatch(String prediction, Collection<String> answers) {
        List<String> p = squadTokens(prediction);
        return answers.stream().anyMatch(a -> squadTokens(a).equals(p)) ? 1 : 0;
    }

    /** SQuAD's token F1: the best over the gold answers of the harmonic mean of token precision and recall. */
    public static double f1(String prediction, Collection<String> answers) {
        List<String> p = squadTokens(prediction);
        double best = 0;
        for (String a : answers) {
            List<String> g = squadTokens(a);
            if (p.isEmpty() || g.isEmpty()) {
                best = Math.max(best, p.equals(g) ? 1 : 0);
                continue;
            }
            Map<String, Integer> counts = new HashMap<>();
            g.forEach(t -> counts.merge(t, 1, Integer::sum));
            int same = 0;
            for (String t : p) {
                Integer c = counts.get(t);
                if (c != null && c > 0) {
                    same++;
                    counts.put(t, c - 1);
                }
            }
            if (same > 0) {
                double precision = (double) same / p.size();
                double recall = (double) same / g.size();
                best = Math.max(best, 2 * precision * recall / (precision + recall));
            }
        }
        return best;
    }

    /** SQuAD's normalisation (its evaluate-v1.1.py): lower case, punctuation and the articles a, an, the removed, split on whitespace. */
    static List<String> squadTokens(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{P}\\p{S}]", "").replaceAll("\\b(a|an|the)\\b", " ").strip();
        return folded.isEmpty() ? List.of() : List.of(folded.split("\\s+"));
    }

    /** Lower case, accents and punctuation removed, whitespace folded. */
    public static String normalize(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** The value at quantile {@code q} (0..1) of {@code values}, nearest-rank. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Words of an answer, citation markers and lone punctuation not counted. */
    public static int words(String text) {
        int n = 0;
        for (String token : text.replaceAll("\\[\\d+]", " ").split("\\s+")) {
            if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                n++;
            }
        }
        return n;
    }
}
