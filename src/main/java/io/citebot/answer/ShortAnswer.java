package io.citebot.answer;

import java.util.List;
import java.util.Objects;

/**
 * The asked fact in a few words ("Barry Bonds", "March 3, 2022", "73"), put first, with the citations of the
 * answer's sentences that state it (more than one when independent reports agree).
 */
public record ShortAnswer(String text, List<Integer> citations) {

    public ShortAnswer {
        Objects.requireNonNull(text, "text");
        text = InertText.of(text).strip();
        citations = List.copyOf(citations);
        if (text.isEmpty() || citations.isEmpty()) {
            throw new IllegalArgumentException("a short answer has text and at least one citation");
        }
    }

    /** "Barry Bonds [1][2]": the short answer with its markers. */
    public String withMarkers() {
        StringBuilder s = new StringBuilder(text).append(' ');
        citations.forEach(n -> s.append('[').append(n).append(']'));
        return s.toString();
    }
}
