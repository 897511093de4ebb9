package io.citebot.answer;

import io.citebot.index.Hit;
import io.citebot.ingest.Sentences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A sentence of a retrieved passage that may join an answer, with its score. */
record Candidate(Hit hit, int rank, Sentences.Span sentence, Set<String> terms, double score) {
}

/** Puts chosen sentences in order and numbers their citations. Pure functions. */
final class Composition {

    private Composition() {
    }

    /**
     * The best sentence first (it says most of what was asked), then the others grouped by article (articles in
     * order of their best sentence), in reading order within one.
     *
     * @param picked best first
     */
    static List<Candidate> inReadingOrder(List<Candidate> picked) {
        Map<String, List<Candidate>> byArticle = new LinkedHashMap<>();
        for (Candidate c : picked) {
            byArticle.computeIfAbsent(c.hit().article().id(), k -> new ArrayList<>()).add(c);
        }
        List<Candidate> out = new ArrayList<>();
        if (!picked.isEmpty()) {
            out.add(picked.getFirst());
        }
        for (List<Candidate> group : byArticle.values()) {
            group.sort(Comparator.comparingInt((Candidate c) -> c.hit().passage().start()).thenComparingInt(c -> c.sentence().start()));
            group.stream().filter(c -> !out.contains(c)).forEach(out::add);
        }
        return out;
    }

    /** The answer text with a marker after each sentence; a passage cited twice keeps its first number. */
    static Answer compose(List<Candidate> ordered, double confidence) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<Citation> citations = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Candidate c : ordered) {
            Integer n = numbers.get(c.hit().passage().id());
            if (n == null) {
                n = numbers.size() + 1;
                numbers.put(c.hit().passage().id(), n);
                citations.add(Citation.of(n, c.hit()));
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(withMarker(c.sentence().text(), n));
        }
        return new Answer(text.toString(), false, citations, confidence);
    }

    /**
     * A timeline's text, one development a line in the order given ("2025-04-12: Iran and the US held … [1]."), and
     * its events; with one date only, it says the archive's reports are all from that date.
     */
    static Answer timeline(List<Candidate> chronological, double confidence) {
        Answer plain = compose(chronological, confidence);
        List<Timeline.Event> events = new ArrayList<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        plain.citations().forEach(c -> numbers.put(c.passageId(), c.n()));
        StringBuilder text = new StringBuilder();
        if (chronological.size() == 1) {
            text.append("The archive's reports on this are all from ").append(chronological.getFirst().hit().article().date())
                    .append(", so there is no timeline to tell: ");
        }
        for (Candidate c : chronological) {
            int n = numbers.get(c.hit().passage().id());
            String line = withMarker(c.sentence().text(), n);
            events.add(new Timeline.Event(c.hit().article().date(), line, n));
            if (chronological.size() > 1) {
                text.append(text.isEmpty() ? "" : "\n").append(c.hit().article().date()).append(": ");
            }
            text.append(line);
        }
        return new Answer(text.toString(), false, plain.citations(), confidence).withTimeline(events);
    }

    private static final Pattern OLD_MARKER = Pattern.compile("\\[\\d+]");
    private static final Pattern DOUBLE_SPACE = Pattern.compile("\\s{2,}");

    /** "... the United States [1]." — the marker goes before a final full stop, after a closing quote. */
    static String withMarker(String sentence, int n) {
        String s = DOUBLE_SPACE.matcher(OLD_MARKER.matcher(sentence).replaceAll("")).replaceAll(" ").strip();
        String marker = " [" + n + "]";
        if (!s.isEmpty() && ".!?".indexOf(s.charAt(s.length() - 1)) >= 0) {
            return s.substring(0, s.length() - 1) + marker + s.charAt(s.length() - 1);
        }
        return s + marker;
    }
}
