package io.citebot.answer;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Questions that ask for an overview rather than a fact: "Summarize the news about Russia and Iran", "What's the
 * latest on the strike?", "Tell me about the port", "What are these articles about?". They get a short brief
 * across the relevant articles instead of the one sentence that best matches their words.
 */
public final class Overview {

    private static final Pattern ASK = Pattern.compile("(?i)^\\s*(?:please\\s+|can you\\s+|could you\\s+)?(?:"
            + "summari[sz]e|sum up|give me (?:a |an )?(?:short |quick |brief )?(?:summary|overview|rundown|brief(?:ing)?)(?: of| on| about)?"
            + "|(?:a |an )?(?:summary|overview|rundown) of|brief me(?: on| about)?|catch me up(?: on| about)?|update me(?: on| about)?"
            + "|what(?:'s| is| are) the (?:latest|news|updates?|story)(?: on| about| with| in| regarding)?"
            + "|tell me (?:more )?about|what happened with|what(?:'s| is) (?:happening|going on) (?:with|in|at)"
            + "|what do (?:the|these|your) (?:articles|stories|sources|news) say about|any news (?:on|about)|news (?:on|about)"
            + "|what(?:'s| is) new (?:with|in|on|about)"
            + ")\\b\\s*(.*)$");
    /** The whole archive: "What are these articles about?", "Summarize the news." */
    private static final Pattern EVERYTHING = Pattern.compile("(?i)^(?:(?:what are|what's|what is) (?:these|the|your|all the) "
            + "(?:articles|stories|news|sources)(?: about)?|(?:the |these |all the |all )?(?:articles|stories|news|headlines|(?:latest )?news)"
            + "|what(?:'s| is) (?:in )?the news(?: today)?|what(?:'s| is) new|everything|all of (?:it|them))\\s*[?.!]*\\s*$");
    /** Words that only say where the news is: "the news about", "the articles on". */
    private static final Pattern FILLER = Pattern.compile("(?i)^(?:(?:the |all the |these |your )?(?:latest |recent )?(?:news|articles|stories|coverage|reports?)"
            + "(?: (?:about|on|of|regarding|concerning))?\\s+)|^(?:about|on|of|regarding)\\s+");

    private Overview() {
    }

    /**
     * The topic of an overview question (empty when it asks about all the articles), or empty when the
     * question asks for something else.
     */
    public static Optional<String> topic(String question) {
        String q = question.strip();
        if (EVERYTHING.matcher(q).matches()) {
            return Optional.of("");
        }
        Matcher m = ASK.matcher(q);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group(1).strip();
        String before;
        do {
            before = rest;
            rest = FILLER.matcher(rest).replaceFirst("").strip();
        } while (!rest.equals(before));
        rest = rest.replaceAll("[?.!]+$", "").strip();
        if (rest.isEmpty() || EVERYTHING.matcher(rest).matches()) {
            return Optional.of("");
        }
        return Optional.of(rest);
    }

    /** The question an answerer is given for an overview: it names the topic in a form {@link #topic} reads back. */
    public static String question(String topic) {
        return topic.isEmpty() ? "Summarize the articles." : "Summarize the news about " + topic + ".";
    }
}
