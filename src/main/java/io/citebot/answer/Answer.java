package io.citebot.answer;

import io.citebot.index.ArticleRef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A composed answer. Every {@code [n]} in the text has a citation numbered n, and every citation is used:
 * the constructor refuses anything else, so no door can show an unsourced marker.
 *
 * @param refused     the articles do not support an answer; the text says so and there are no citations
 * @param confidence  the evidence strength the refusal decision was made on (0..1)
 * @param unsupported sentences of the answer that carry no valid citation (an LLM's connecting words, or claims
 *                    the cited passages do not back); shown as they are, never as sourced
 * @param fallback    why the configured model was not used (e.g. "llm unavailable"), or null
 * @param related     with a refusal, the closest articles ("Closest: [1] …"), so the reader is never at a dead
 *                    end; the refusal's markers point at these, since it cites nothing as support
 * @param shortAnswer the asked fact in a few words, citing some of {@code citations}; null when the question asks
 *                    for no name, date or number, or the sentences support none
 * @param timeline    for a question about how a story unfolded, its dated developments in date order; else empty
 */
public record Answer(String text, boolean refused, List<Citation> citations, double confidence,
                     List<String> unsupported, String fallback, List<Citation> related, ShortAnswer shortAnswer,
                     List<Timeline.Event> timeline) {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");

    /** The text is made {@link InertText inert}: no markup quoted from an article reaches a door active. */
    public Answer {
        Objects.requireNonNull(text, "text");
        text = InertText.of(text);
        citations = List.copyOf(citations);
        unsupported = List.copyOf(unsupported);
        related = related == null ? List.of() : List.copyOf(related);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        if (refused && !citations.isEmpty()) {
            throw new IllegalArgumentException("a refusal cites nothing");
        }
        if (!refused && !related.isEmpty()) {
            throw new IllegalArgumentException("only a refusal lists related articles");
        }
        Set<Integer> used = markers(text);
        Set<Integer> cited = new HashSet<>();
        for (Citation c : refused ? related : citations) {
            if (!cited.add(c.n())) {
                throw new IllegalArgumentException("citation [" + c.n() + "] appears twice");
            }
        }
        if (!used.equals(cited)) {
            throw new IllegalArgumentException("markers " + used + " do not match citations " + cited);
        }
        if (shortAnswer != null && (refused || !cited.containsAll(shortAnswer.citations()))) {
            throw new IllegalArgumentException("a short answer cites the answer's own citations");
        }
    }

    public Answer(String text, boolean refused, List<Citation> citations, double confidence,
                  List<String> unsupported, String fallback, List<Citation> related, ShortAnswer shortAnswer) {
        this(text, refused, citations, confidence, unsupported, fallback, related, shortAnswer, List.of());
    }

    public Answer(String text, boolean refused, List<Citation> citations, double confidence,
                  List<String> unsupported, String fallback, List<Citation> related) {
        this(text, refused, citations, confidence, unsupported, fallback, related, null);
    }

    public Answer(String text, boolean refused, List<Citation> citations, double confidence,
                  List<String> unsupported, String fallback) {
        this(text, refused, citations, confidence, unsupported, fallback, List.of());
    }

    public Answer(String text, boolean refused, List<Citation> citations, double confidence) {
        this(text, refused, citations, confidence, List.of(), null, List.of());
    }

    public static Answer refusal(String text, double confidence) {
        return new Answer(text, true, List.of(), confidence);
    }

    /** A refusal that points at the closest articles; {@code text} carries their markers. */
    public static Answer refusal(String text, double confidence, List<Citation> related) {
        return new Answer(text, true, List.of(), confidence, List.of(), null, related);
    }

    /** This answer, marked as made without the configured model and why. */
    public Answer withFallback(String reason) {
        return new Answer(text, refused, citations, confidence, unsupported, reason, related, shortAnswer, timeline);
    }

    /** This answer, led by {@code shortAnswer}. */
    public Answer withShortAnswer(ShortAnswer shortAnswer) {
        return new Answer(text, refused, citations, confidence, unsupported, fallback, related, shortAnswer, timeline);
    }

    /** This answer as a timeline of {@code events}. */
    public Answer withTimeline(List<Timeline.Event> events) {
        return new Answer(text, refused, citations, confidence, unsupported, fallback, related, shortAnswer, events);
    }

    /** This answer with each citation's other copies of its report ({@link Syndication}), by passage id. */
    public Answer withAlsoReportedBy(Map<String, List<ArticleRef>> copies) {
        if (copies.isEmpty()) {
            return this;
        }
        List<Citation> cs = citations.stream().map(c -> copies.containsKey(c.passageId())
                ? c.withAlsoReportedBy(copies.get(c.passageId())) : c).toList();
        return new Answer(text, refused, cs, confidence, unsupported, fallback, related, shortAnswer, timeline);
    }

    /** The numbers of all {@code [n]} markers in {@code text}. */
    public static Set<Integer> markers(String text) {
        Set<Integer> found = new HashSet<>();
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }
}
