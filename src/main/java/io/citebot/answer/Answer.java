package io.citebot.answer;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A composed answer. Every {@code [n]} in the text has a citation numbered n, and every citation is used:
 * the constructor refuses anything else, so no door can show an unsourced marker.
 *
 * @param refused    the articles do not support an answer; the text says so and there are no citations
 * @param confidence the evidence strength the refusal decision was made on (0..1)
 */
public record Answer(String text, boolean refused, List<Citation> citations, double confidence) {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");

    public Answer {
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
        Set<Integer> used = markers(text);
        Set<Integer> cited = new HashSet<>();
        for (Citation c : citations) {
            if (!cited.add(c.n())) {
                throw new IllegalArgumentException("citation [" + c.n() + "] appears twice");
            }
        }
        if (!used.equals(cited)) {
            throw new IllegalArgumentException("markers " + used + " do not match citations " + cited);
        }
        if (refused && !citations.isEmpty()) {
            throw new IllegalArgumentException("a refusal cites nothing");
        }
    }

    public static Answer refusal(String text, double confidence) {
        return new Answer(text, true, List.of(), confidence);
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
