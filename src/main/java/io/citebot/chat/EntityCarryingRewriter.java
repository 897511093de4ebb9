package io.citebot.chat;

import java.util.Arrays;
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
 * "How did Iran respond to his offer? (Putin)". When the follow-up names the thing it refers to ("his offer") and
 * the previous answer says whose it was ("Vladimir Putin has extended an offer …"), that name is carried instead:
 * after "What did Peskov say about negotiations?", "How did Iran react to his offer?" is about Putin's offer.
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
        String owner = owner(question, history.getLast().answer());
        if (owner != null && !lower.contains(owner.toLowerCase(Locale.ROOT))) {
            // as the previous question called them, if it did ("Putin" rather than "Vladimir Putin")
            for (String name : names(history.getLast().searchedFor())) {
                if ((" " + owner + " ").contains(" " + name + " ")) {
                    owner = name;
                    break;
                }
            }
            return question.strip() + " (" + owner + ")";
        }
        Set<String> carried = new LinkedHashSet<>();
        for (String name : names(history.getLast().searchedFor())) {
            if (!lower.contains(name.toLowerCase(Locale.ROOT))) {
                carried.add(name);
            }
        }
        return carried.isEmpty() ? question : question.strip() + " (" + String.join(", ", carried) + ")";
    }

    /** "his offer", "their plan": the thing a possessive refers to. */
    private static final Pattern POSSESSED = Pattern.compile("(?i)\\b(?:his|her|their|its)\\s+(\\p{L}{3,})");

    /**
     * Whose the thing is that the follow-up refers to, as the previous answer says: the name written last before
     * the thing's word (or a form of it: "offer", "offered") in the answer's first sentence that has it; null when
     * the answer does not say.
     */
    static String owner(String question, String previousAnswer) {
        if (previousAnswer == null) {
            return null;
        }
        Matcher p = POSSESSED.matcher(question);
        if (!p.find()) {
            return null;
        }
        String thing = p.group(1).toLowerCase(Locale.ROOT);
        String stem = thing.length() > 4 ? thing.substring(0, thing.length() - 1) : thing;
        Pattern word = Pattern.compile("(?i)\\b" + Pattern.quote(stem) + "\\p{L}*");
        for (String sentence : previousAnswer.split("(?<=[.!?])\\s+")) {
            Matcher w = word.matcher(sentence);
            if (!w.find()) {
                continue;
            }
            String before = sentence.substring(0, w.start());
            List<String> names = names(before);
            if (!names.isEmpty()) {
                return names.getLast();
            }
        }
        return null;
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
                String name = String.join(" ", Arrays.copyOfRange(words, from, words.length)).replaceAll("['’]s$", "");
                if (name.length() > 1) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }
}
