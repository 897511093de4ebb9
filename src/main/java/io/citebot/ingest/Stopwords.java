package io.citebot.ingest;

import java.util.Locale;
import java.util.Set;

/** English function words, for telling running prose from headlines, lists and navigation. */
final class Stopwords {

    private static final Set<String> WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
            "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
            "could", "did", "do", "does", "doing", "down", "during", "each", "either", "even", "ever", "few", "for",
            "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
            "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may",
            "me", "might", "more", "most", "much", "must", "my", "myself", "no", "nor", "not", "now", "of", "off",
            "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "said",
            "says", "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "theirs",
            "them", "themselves", "then", "there", "these", "they", "this", "those", "though", "through", "thus",
            "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where",
            "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without",
            "would", "yet", "you", "your", "yours", "yourself", "yourselves", "amid", "amidst", "among",
            "according", "across", "along", "around", "another", "many", "several", "still", "already", "well");

    private Stopwords() {
    }

    /** Share of the words in {@code text} that are stopwords; 0 for a text without words. */
    static double density(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+");
        int total = 0;
        int stop = 0;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            total++;
            if (WORDS.contains(w)) {
                stop++;
            }
        }
        return total == 0 ? 0 : (double) stop / total;
    }
}
