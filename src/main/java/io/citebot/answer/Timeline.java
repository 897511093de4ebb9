package io.citebot.answer;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Questions that ask how a story unfolded ("How did the Iran talks unfold?", "Timeline of the Gaza ceasefire"): they
 * get a dated, chronological list of developments, one line each, cited, across outlets.
 */
public final class Timeline {

    private static final Pattern[] ASK = {
        Pattern.compile("(?i)^\\s*(?:please\\s+)?(?:give me |show me |make |build |what is |what's )?(?:a |the )?"
                + "(?:timeline|chronology)\\s+(?:of|for|on|about)\\s+(.+?)\\s*[?.!]*\\s*$"),
        Pattern.compile("(?i)^\\s*how\\s+(?:did|has|have|do|does)\\s+(.+?)\\s+(?:unfold(?:ed)?|develop(?:ed)?|evolve(?:d)?|progress(?:ed)?)"
                + "(?:\\s+over\\s+time|\\s+so\\s+far)?\\s*[?.!]*\\s*$"),
        Pattern.compile("(?i)^\\s*what\\s+(?:were|are|have been)\\s+the\\s+(?:key\\s+|main\\s+)?(?:events|developments|milestones)"
                + "\\s+(?:in|of|on)\\s+(.+?)\\s*[?.!]*\\s*$"),
        Pattern.compile("(?i)^\\s*(.+?)\\s*:\\s*(?:a\\s+)?timeline\\s*[?.!]*\\s*$"),
    };

    private Timeline() {
    }

    /** The story a timeline question asks about, or empty when it asks for something else. */
    public static Optional<String> topic(String question) {
        for (Pattern p : ASK) {
            Matcher m = p.matcher(question);
            if (m.matches()) {
                String topic = m.group(1).replaceFirst("(?i)^(?:the\\s+)?(?:story|news)\\s+(?:of|about|on)\\s+", "").strip();
                return topic.isEmpty() ? Optional.empty() : Optional.of(topic);
            }
        }
        return Optional.empty();
    }

    /** The question an answerer is given for a timeline: it names the topic in a form {@link #topic} reads back. */
    public static String question(String topic) {
        return "Timeline of " + topic;
    }

    /** One development of a timeline: its date, the cited sentence, the citation's number. */
    public record Event(LocalDate date, String text, int citation) {
    }
}
