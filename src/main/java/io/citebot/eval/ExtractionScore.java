package io.citebot.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Article Extraction Benchmark's metric: both texts become multisets of word 4-grams ({@code \w+} tokens,
 * case kept); their overlap gives true positives, the rest false positives and negatives, scaled to sum to 1.
 * Precision and recall are averaged over pages, and F1 is taken from those averages (as its {@code score.py}).
 */
public final class ExtractionScore {

    /** Python's {@code \w} in Unicode mode: letters, digits and the underscore. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final int N = 4;

    private ExtractionScore() {
    }

    /** One page's shares of true positives, false positives and false negatives (summing to 1), or null when both are empty. */
    public record Page(double tp, double fp, double fn) {
        /** Null when nothing was extracted: such a page counts in recall only. */
        public Double precision() {
            return tp + fp > 0 ? tp / (tp + fp) : null;
        }

        public Double recall() {
            return tp + fn > 0 ? tp / (tp + fn) : null;
        }
    }

    /** Averages over pages, and the F1 of the averages. */
    public record Summary(int pages, double precision, double recall, double f1) {
    }

    public static Page page(String truth, String predicted) {
        Map<List<String>, Integer> g = grams(truth);
        Map<List<String>, Integer> p = grams(predicted);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (var e : p.entrySet()) {
            int inTruth = g.getOrDefault(e.getKey(), 0);
            tp += Math.min(inTruth, e.getValue());
            fp += Math.max(0, e.getValue() - inTruth);
        }
        for (var e : g.entrySet()) {
            fn += Math.max(0, e.getValue() - p.getOrDefault(e.getKey(), 0));
        }
        long sum = tp + fp + fn;
        return sum == 0 ? null : new Page((double) tp / sum, (double) fp / sum, (double) fn / sum);
    }

    public static Summary summarize(List<Page> pages) {
        double ps = 0;
        int pn = 0;
        double rs = 0;
        int rn = 0;
        for (Page page : pages) {
            if (page == null) {
                continue;
            }
            if (page.precision() != null) {
                ps += page.precision();
                pn++;
            }
            if (page.recall() != null) {
                rs += page.recall();
                rn++;
            }
        }
        double p = pn == 0 ? 0 : ps / pn;
        double r = rn == 0 ? 0 : rs / rn;
        return new Summary(pages.size(), p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }

    static Map<List<String>, Integer> grams(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text);
        while (m.find()) {
            words.add(m.group());
        }
        Map<List<String>, Integer> out = new HashMap<>();
        for (int i = 0; i + N <= words.size(); i++) {
            out.merge(List.copyOf(words.subList(i, i + N)), 1, Integer::sum);
        }
        if (!words.isEmpty() && words.size() < N) {
            out.merge(List.copyOf(words), 1, Integer::sum);
        }
        return out;
    }
}
