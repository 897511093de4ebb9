package io.citebot.answer;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kind of thing a question asks for, as far as its wording tells. */
enum AnswerType {
    DATE(Pattern.compile("\\b(1[0-9]{3}|20[0-9]{2})\\b|\\b(January|February|March|April|May|June|July|August|September"
            + "|October|November|December)\\b|\\b(century|decade|year)s?\\b")),
    NUMBER(Pattern.compile("\\d|\\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|dozen)\\b",
            Pattern.CASE_INSENSITIVE)),
    NAME(Pattern.compile("(?<=\\S\\s)\\p{Lu}\\p{L}+")),
    OTHER(null);

    /** The first question word decides; a question may start with context ("…, paving the way for who to …"). */
    private static final Pattern QUESTION_WORD = Pattern.compile("\\b(who|whom|whose|when|which|what|how)\\b");
    private static final Pattern DATE_QUESTION = Pattern.compile(
            "^(when|(what|which) (year|date|day|month|century|decade))\\b.*");
    private static final Pattern NUMBER_QUESTION = Pattern.compile(
            "^(how (many|much|long|old|far|big|large|tall|high|deep|wide|heavy)|what (percentage|percent|number|amount|share))\\b.*");
    /**
     * "Which/what [up to two words] kind-of-name": the answer is a name ("Which major US retailer …" → Walmart).
     * Kinds whose answers are rarely capitalised ("which animal", "which menu item") are left out.
     */
    private static final Pattern NAME_QUESTION = Pattern.compile("^(who|whom|whose|(which|what)( [\\p{L}'’-]+){0,2} "
            + "(person|people|company|companies|team|country|countries|city|state|nation|organi[sz]ation|politician"
            + "|player|leader|president|prime minister|brand|retailer|firm|airline|carrier|newspaper|network|celebrity|singer"
            + "|actor|actress|star|athlete|continent|university|party|author|band|bank|agency|official|candidate"
            + "|senator|governor|island|region|capital|automaker|carmaker|club|franchise|league|billionaire|musician|rapper"
            + "|artist|director|coach|writer|chain|giant|platform|publication|outlet|minister|lawmaker|justice"
            + "|judge|court|tournament|festival|mayor|ceo|executive|rival|neighbo[u]?r|ally|allies|member))\\b.*");

    private final Pattern evidence;

    AnswerType(Pattern evidence) {
        this.evidence = evidence;
    }

    static AnswerType of(String question) {
        String q = asking(question).toLowerCase(Locale.ROOT);
        Matcher m = QUESTION_WORD.matcher(q);
        if (!m.find()) {
            return OTHER;
        }
        String asked = q.substring(m.start()).strip();
        if (DATE_QUESTION.matcher(asked).matches()) {
            return DATE;
        }
        if (NUMBER_QUESTION.matcher(asked).matches()) {
            return NUMBER;
        }
        if (NAME_QUESTION.matcher(asked).matches()) {
            return NAME;
        }
        return OTHER;
    }

    /**
     * The sentence that asks: quiz questions often set the scene first ("A Russian court ruled … . How many
     * months was her detention extended?"); the last sentence with a question word asks.
     */
    static String asking(String question) {
        String[] sentences = question.strip().split("(?<=[.!?])\\s+(?=\\p{Lu})");
        for (int i = sentences.length - 1; i >= 0; i--) {
            if (QUESTION_WORD.matcher(sentences[i].toLowerCase(Locale.ROOT)).find()) {
                return sentences[i];
            }
        }
        return question;
    }

    /** Whether {@code sentence} holds something of this type that the question does not already mention. */
    boolean matches(String sentence, String question) {
        if (evidence == null) {
            return false;
        }
        var m = evidence.matcher(sentence);
        while (m.find()) {
            if (!question.contains(m.group())) {
                return true;
            }
        }
        return false;
    }
}
