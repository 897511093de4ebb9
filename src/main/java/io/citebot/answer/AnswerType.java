package io.citebot.answer;

import java.util.Locale;
import java.util.regex.Pattern;

/** The kind of thing a question asks for, as far as its wording tells. */
enum AnswerType {
    DATE(Pattern.compile("\\b(1[0-9]{3}|20[0-9]{2})\\b|\\b(January|February|March|April|May|June|July|August|September"
            + "|October|November|December)\\b|\\b(century|decade|year)s?\\b")),
    NUMBER(Pattern.compile("\\d|\\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|dozen)\\b",
            Pattern.CASE_INSENSITIVE)),
    NAME(Pattern.compile("(?<=\\S\\s)\\p{Lu}\\p{L}+")),
    OTHER(null);

    private final Pattern evidence;

    AnswerType(Pattern evidence) {
        this.evidence = evidence;
    }

    static AnswerType of(String question) {
        String q = question.toLowerCase(Locale.ROOT).strip();
        if (q.matches("^(when|what year|in what year|in which year|what date|on what date|what century|which year|which century)\\b.*")) {
            return DATE;
        }
        if (q.matches("^(how (many|much|long|old|far|big|large|tall|high)|what (percentage|percent|number|amount))\\b.*")) {
            return NUMBER;
        }
        if (q.matches("^(who|whom|whose|which (person|company|team|country|city|organization))\\b.*")) {
            return NAME;
        }
        return OTHER;
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
