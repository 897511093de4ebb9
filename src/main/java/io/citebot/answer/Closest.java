package io.citebot.answer;

import io.citebot.index.Hit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A refusal that still helps: when the evidence is too weak to answer, the closest articles are named and
 * linked ("Closest: [1] …"), marked as related rather than as support. Articles that show no sign of being
 * about the question are not offered.
 */
final class Closest {

    /** The most articles a refusal points at. */
    static final int MAX_ARTICLES = 3;
    static final String SOFT_REFUSAL = "The articles I have do not cover this question directly.";

    private Closest() {
    }

    /**
     * @param relevant whether a hit shows any sign of being about the question
     */
    static Answer refusal(double confidence, List<Hit> hits, Predicate<Hit> relevant) {
        Set<String> articles = new LinkedHashSet<>();
        List<Citation> related = new ArrayList<>();
        StringBuilder text = new StringBuilder(SOFT_REFUSAL).append(" Closest: ");
        for (Hit hit : hits) {
            if (related.size() == MAX_ARTICLES) {
                break;
            }
            if (!relevant.test(hit) || !articles.add(hit.article().id())) {
                continue;
            }
            int n = related.size() + 1;
            related.add(Citation.of(n, hit));
            if (n > 1) {
                text.append("; ");
            }
            text.append('[').append(n).append("] ").append(describe(hit));
        }
        if (related.isEmpty()) {
            return Answer.refusal(ExtractiveAnswerer.REFUSAL, confidence);
        }
        return Answer.refusal(text.append('.').toString(), confidence, related);
    }

    /**
     * A refusal that opens with {@code opening} and points at the articles of {@code cited} (the passages an answer
     * would have cited, which do not support it), each once, renumbered.
     */
    static Answer refusal(String opening, double confidence, List<Citation> cited) {
        Set<String> articles = new LinkedHashSet<>();
        List<Citation> related = new ArrayList<>();
        StringBuilder text = new StringBuilder(opening).append(" Closest: ");
        for (Citation c : cited) {
            if (related.size() == MAX_ARTICLES) {
                break;
            }
            if (!articles.add(c.articleId())) {
                continue;
            }
            int n = related.size() + 1;
            related.add(new Citation(n, c.articleId(), c.title(), c.source(), c.date(), c.url(), c.passageId(), c.text()));
            text.append(n > 1 ? "; [" : "[").append(n).append("] ").append(describe(c.title(), c.source(), c.date()));
        }
        return Answer.refusal(text.append('.').toString(), confidence, related);
    }

    private static String describe(Hit hit) {
        var a = hit.article();
        return describe(a.title(), a.source(), a.date());
    }

    /** An article as a refusal names it: "Title (Source, 2024-01-05)". */
    private static String describe(String title, String source, LocalDate date) {
        List<String> meta = new ArrayList<>();
        if (source != null) {
            meta.add(source);
        }
        if (date != null) {
            meta.add(date.toString());
        }
        String t = title.replaceAll("\\[\\d+]", "").strip();
        return meta.isEmpty() ? t : t + " (" + String.join(", ", meta) + ")";
    }
}
