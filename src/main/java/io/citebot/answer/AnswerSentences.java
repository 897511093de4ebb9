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

    /** Closing quotes and brackets, which may follow a sentence's last stop or question mark. */
    private static final String CLOSERS = "\"”’')]";
    /** Photo captions and credits, gallery labels, bylines, datelines, calls to action. */
    static final Pattern CHROME = Pattern.compile(
            "(?i)^(in pictures|pictured|photos?|image|video|watch|gallery|listen|read more|more|related|see also|click here"
                    + "|sign up|subscribe|follow us|updated|published|posted)\\b\\s*[:|-]"
                    + "|^by [\\p{Lu}][\\p{L}.'-]+( [\\p{Lu}][\\p{L}.'-]+){0,3}(,| and|$)"
                    + "|\\b(credit|photo|image|picture)s?\\s*:\\s*[^.]{0,60}$|\\((photo|image|credit|getty)[^)]*\\)\\s*$"
                    + "|\\bgetty images\\s*$|^(ap|reuters|afp|cnn)\\s*$"
                    + "|\\b(delivered|sent) (right |straight |directly )?to your inbox\\b");
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
        if (s.isEmpty() || question(s) || chrome(s)) {
            return false;
        }
        if (!complete(s) && s.split("\\s+").length < FRAGMENT_WORDS) {
            return false;
        }
        return terms.stream().filter(t -> !questionTerms.contains(t)).count() >= MIN_NEW_TERMS;
    }

    /**
     * A caption, credit, byline or call to action ({@link #CHROME}). Each of its forms needs one of a few characters
     * or words, or a very short text: a sentence with none of them (most) is not scanned.
     */
    static boolean chrome(String s) {
        boolean mayBe = s.length() <= 12 || s.regionMatches(true, 0, "by ", 0, 3) || hasAny(s, ":|-(")
                || contains(s, "getty") || contains(s, "inbox");
        return mayBe && CHROME.matcher(s).find();
    }

    private static boolean hasAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code word} in {@code s}, ignoring case (as the expression's ASCII case, and more). */
    private static boolean contains(String s, String word) {
        for (int i = 0; i + word.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Ends as a question does: a question mark, then only closing quotes and brackets. */
    static boolean question(String s) {
        int stop = beforeClosers(s);
        return stop >= 0 && s.charAt(stop) == '?';
    }

    /** A full sentence ends with a stop, or with a stop then closing quotes and brackets, or with a quote. */
    static boolean complete(String s) {
        int end = end(s);
        if (end > 0 && "\"”’".indexOf(s.charAt(end - 1)) >= 0) {
            return true;
        }
        int stop = beforeClosers(s);
        return stop >= 0 && ".!…".indexOf(s.charAt(stop)) >= 0;
    }

    /** The index of the last character before the closing quotes and brackets that end {@code s}, or -1. */
    private static int beforeClosers(String s) {
        int i = end(s) - 1;
        while (i >= 0 && CLOSERS.indexOf(s.charAt(i)) >= 0) {
            i--;
        }
        return i;
    }

    /**
     * Where the text ends for a check of how it ends: before one final line terminator, as a regular expression's
     * {@code $} allows (of those, only U+0085 is not whitespace, so only it outlives {@link String#strip}).
     */
    private static int end(String s) {
        int n = s.length();
        return n > 0 && s.charAt(n - 1) == '\u0085' ? n - 1 : n;
    }
}
