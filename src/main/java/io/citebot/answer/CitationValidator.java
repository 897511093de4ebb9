package io.citebot.answer;

import io.citebot.index.TextAnalysis;
import io.citebot.ingest.Sentences;
import io.citebot.index.Hit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a model's answer against the passages it was given, before anyone sees it: markers that point at no
 * passage are removed; a marker whose passage shares no content word with its sentence is removed; citations
 * are renumbered 1, 2, ... in order of first use; sentences left without a marker are reported as unsupported;
 * an answer with no valid citation, or one that says the passages do not answer, becomes a refusal.
 */
public final class CitationValidator {

    /** "[2]", "[1, 3]", "[1][2]" (the last is two markers). */
    private static final Pattern MARKER = Pattern.compile("\\[(\\d+(?:\\s*,\\s*\\d+)*)]");
    /** How models say that the passages do not answer the question. */
    private static final Pattern NOT_COVERED = Pattern.compile("(?i)(do(es)? not (cover|answer|contain|mention|say)"
            + "|don'?t (cover|answer|contain|mention|say)|not covered|no information|not enough information"
            + "|cannot (answer|find|determine)|can'?t (answer|find|determine)|unable to (answer|find|determine))");

    private static final Pattern MARKER_AFTER_STOP = Pattern.compile("([.!?])\\s*((?:\\[\\d+(?:\\s*,\\s*\\d+)*]\\s*)+)(?=\\s|$)");

    private final TextAnalysis analysis;

    public CitationValidator(TextAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * @param modelText  the model's answer, with markers [n] into {@code hits} (1-based)
     * @param hits       the passages the prompt numbered
     * @param confidence the retrieval evidence strength, carried into the answer
     */
    public Answer validate(String modelText, List<Hit> hits, double confidence) {
        String text = modelText == null ? "" : modelText.strip();
        if (text.isEmpty() || (NOT_COVERED.matcher(text).find() && MARKER.matcher(text).results().count() == 0)) {
            return Answer.refusal(ExtractiveAnswerer.REFUSAL, confidence);
        }
        // "... the talks. [2] Then ..." puts the marker after the stop: move it onto the sentence it follows
        text = MARKER_AFTER_STOP.matcher(text).replaceAll(" $2$1");
        Map<Integer, Integer> renumbered = new LinkedHashMap<>();
        List<String> unsupported = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (Sentences.Span sentence : Sentences.split(text)) {
            String s = sentence.text();
            Set<String> sentenceTerms = contentTerms(MARKER.matcher(s).replaceAll(" "));
            StringBuilder rebuilt = new StringBuilder();
            Matcher m = MARKER.matcher(s);
            int last = 0;
            boolean cited = false;
            while (m.find()) {
                rebuilt.append(s, last, m.start());
                StringBuilder markers = new StringBuilder();
                for (String number : m.group(1).split("\\s*,\\s*")) {
                    int n = Integer.parseInt(number);
                    if (n < 1 || n > hits.size() || !sharesContent(sentenceTerms, hits.get(n - 1))) {
                        continue;
                    }
                    int dense = renumbered.computeIfAbsent(n, k -> renumbered.size() + 1);
                    markers.append('[').append(dense).append(']');
                    cited = true;
                }
                rebuilt.append(markers);
                last = m.end();
            }
            rebuilt.append(s.substring(last));
            String clean = rebuilt.toString().replaceAll("\\s+([.,;:!?])", "$1").replaceAll("\\s{2,}", " ").strip();
            if (!cited) {
                unsupported.add(clean);
            }
            if (!clean.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(clean);
            }
        }
        if (renumbered.isEmpty()) {
            return Answer.refusal(ExtractiveAnswerer.REFUSAL, confidence);
        }
        List<Citation> citations = new ArrayList<>();
        renumbered.forEach((original, dense) -> citations.add(Citation.of(dense, hits.get(original - 1))));
        return new Answer(out.toString(), false, citations, confidence, unsupported, null);
    }

    private Set<String> contentTerms(String text) {
        return new HashSet<>(analysis.queryTerms(text));
    }

    private boolean sharesContent(Set<String> sentenceTerms, Hit hit) {
        if (sentenceTerms.isEmpty()) {
            return true;
        }
        Set<String> passage = new HashSet<>(analysis.terms(hit.passage().text()));
        passage.addAll(analysis.terms(hit.article().title()));
        return sentenceTerms.stream().anyMatch(passage::contains);
    }
}
