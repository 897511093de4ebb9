package io.citebot.answer;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which sentences of an article may stand in an answer. News passages carry more than the story: roundups
 * quote quiz questions ("What does PSL stand for?"), galleries their captions ("In pictures: …"), bylines and
 * headline fragments without a verb. None of these answers anything, and neither does a sentence that only
 * says the question back.
 */
final class AnswerSentences {

    /** Ends as a question does, allowing for closing quotes and brackets. */
    private static final Pattern QUESTION = Pattern.compile("\\?[\"”’')\\]]*$");
    /** Photo captions and credits, gallery labels, bylines, datelines, calls to action. */
    private static final Pattern CHROME = Pattern.compile(
            "(?i)^(in pictures|pictured|photos?|image|video|watch|gallery|listen|read more|more|related|see also|click here"
                    + "|sign up|subscribe|follow us|updated|published|posted)\\b\\s*[:|-]"
                    + "|^by [\\p{Lu}][\\p{L}.'-]+( [\\p{Lu}][\\p{L}.'-]+){0,3}(,| and|$)"
                    + "|\\b(credit|photo|image|picture)s?\\s*:\\s*[^.]{0,60}$|\\((photo|image|credit|getty)[^)]*\\)\\s*$"
                    + "|\\bgetty images\\s*$|^(ap|reuters|afp|cnn)\\s*$"
                    + "|\\b(delivered|sent) (right |straight |directly )?to your inbox\\b");
    /** A full sentence ends with a stop, or with a quote or bracket after one. */
    private static final Pattern COMPLETE = Pattern.compile("[.!…][\"”’')\\]]*$|[\"”’]$");
    /** Shorter than this, a fragment without a full stop is a headline or label, not a statement. */
    private static final int FRAGMENT_WORDS = 12;
    /** A sentence must bring at least this many content words that the question does not already have. */
    static final int MIN_NEW_TERMS = 1;

    private AnswerSentences() {
    }

    /**
     * @param terms         the sentence's analyzed terms
     * @param questionTerms the question's analyzed terms
     */
    static boolean usable(String sentence, Set<String> terms, Set<String> questionTerms) {
        String s = sentence.strip();
        if (s.isEmpty() || QUESTION.matcher(s).find() || CHROME.matcher(s).find()) {
            return false;
        }
        if (!COMPLETE.matcher(s).find() && s.split("\\s+").length < FRAGMENT_WORDS) {
            return false;
        }
        return terms.stream().filter(t -> !questionTerms.contains(t)).count() >= MIN_NEW_TERMS;
    }
}
