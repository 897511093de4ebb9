package io.citebot.chat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follow-up rewriting without a model: when a question leans on the conversation (a pronoun such as "he" or
 * "their", or "that offer"), the names of the previous question (runs of capitalised words) that it does not
 * mention are added to it: "How did Iran respond to his offer?" after "What did Putin offer?" is searched as
 * "How did Iran respond to his offer? (Putin)".
 */
public final class EntityCarryingRewriter implements QueryRewriter {

    private static final Pattern REFERENCE = Pattern.compile(
            "(?i)\\b(he|him|his|she|her|hers|they|them|their|theirs|it|its|this|that|these|those|there|then"
                    + "|the (offer|plan|deal|proposal|talks|statement|country|company|group|man|woman|official|report))\\b");
    /** A name: capitalised words, possibly joined by "of", "al-", "bin" and the like. */
    private static final Pattern NAME = Pattern.compile("\\b\\p{Lu}[\\p{L}.'’-]*(?:\\s+(?:of\\s+|de\\s+|al-)?\\p{Lu}[\\p{L}.'’-]*)*");
    private static final Set<String> NOT_NAMES = Set.of("what", "who", "whom", "whose", "which", "when", "where", "why",
            "how", "did", "does", "do", "is", "are", "was", "were", "can", "could", "would", "should", "will", "has",
            "have", "had", "the", "a", "an", "and", "or", "in", "on", "at", "tell", "i");

    @Override
    public String rewrite(String question, List<Turn> history) {
        if (history.isEmpty() || !REFERENCE.matcher(question).find()) {
            return question;
        }
        String lower = question.toLowerCase(Locale.ROOT);
        Set<String> carried = new LinkedHashSet<>();
        for (String name : names(history.getLast().searchedFor())) {
            if (!lower.contains(name.toLowerCase(Locale.ROOT))) {
                carried.add(name);
            }
        }
        return carried.isEmpty() ? question : question.strip() + " (" + String.join(", ", carried) + ")";
    }

    /** Capitalised word runs of a text, without question words at the start of a sentence. */
    static List<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            String[] words = m.group().split("\\s+");
            int from = 0;
            while (from < words.length && NOT_NAMES.contains(words[from].toLowerCase(Locale.ROOT))) {
                from++;
            }
            if (from < words.length) {
                String name = String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length)).replaceAll("['’]s$", "");
                if (name.length() > 1) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }
}
