package io.citebot.answer;

import io.citebot.answer.ShortAnswers.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spans of a sentence that may answer a question of a kind: capitalised names (split at titles and possessives,
 * without sentence-opening and time words, datelines in capitals or adjectives such as "Spanish-language"), dates
 * and numbers, as offsets into the sentence. {@link ShortAnswers} scores them.
 */
final class Spans {

    private Spans() {
    }

    private static final String MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
    private static final String MONTHS_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec";
    private static final String DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

    private static final String CAP = "\\p{Lu}[\\p{L}\\p{N}'’&.-]*";
    private static final Pattern NAME = Pattern.compile("(?<![\\p{L}\\p{N}])" + CAP
            + "(?:\\s+(?:(?:of|de|del|da|di|van|von|der|la|le|al|bin|du)\\s+)?" + CAP + ")*");
    private static final Pattern DATE = Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
            + "(?:" + MONTHS + "|(?:" + MONTHS_SHORT + ")\\.?)\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?"
            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:" + MONTHS + ")(?:,?\\s+\\d{4})?"
            + "|(?:" + MONTHS + ")(?:,?\\s+\\d{4})"
            + "|(?:early|mid|late)?-?\\s?(?:1[0-9]|20)\\d0s"
            + "|(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)\\s+century"
            + "|(?:1[0-9]\\d\\d|20\\d\\d)"
            + "|(?:" + DAYS + "))(?![\\p{L}\\p{N}])");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}.,])(?:"
            + "(?:[$€£]\\s?)?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?(?:\\s?(?:%|percent|per cent|million|billion|trillion|thousand|bn)(?![\\p{L}]))?"
            + "|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
            + "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds"
            + "|a dozen|dozens|a thousand|thousands)(?:\\s(?:hundred|thousand|million|billion))?(?![\\p{L}]))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("(?:1[5-9]|20)\\d\\d");
    // compiled once: pieces, trimName and bare run for every name of every sentence read
    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s?$");
    private static final Pattern TRAILING_STOPS = Pattern.compile("[.,]+$");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]");
    /** "U.S.", "D.C.": the last stop belongs to the name. */
    private static final Pattern ABBREVIATION_END = Pattern.compile("(?:^|[\\s.])\\p{Lu}\\.\\p{Lu}\\.$");

    /** Capitalised words that start sentences or name times, not things. */
    private static final Set<String> NOT_NAMES = Set.of("the", "a", "an", "this", "that", "these", "those", "it", "its",
            "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "in", "on", "at", "after", "before",
            "but", "and", "or", "so", "as", "if", "when", "while", "since", "for", "from", "with", "by", "to", "of",
            "however", "meanwhile", "also", "last", "next", "earlier", "later", "now", "then", "there", "here",
            "according", "despite", "although", "though", "other", "some", "many", "most", "all", "both", "one",
            "mr", "mrs", "ms", "dr", "sir", "president", "former", "first", "today", "yesterday", "tomorrow",
            "what", "who", "which", "where", "why", "how", "yes", "no", "not", "more", "less", "still", "even",
            "during", "over", "under", "about", "instead", "because", "until", "again", "once", "every",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    /** Spans of {@code kind} in {@code sentence}, as [start, end) offsets. */
    static List<int[]> of(Kind kind, String sentence) {
        return of(kind, sentence, Set.of());
    }

    /**
     * @param common words seen in lower case in the passages read: such a word opening a sentence ("Talks resumed")
     *               is not a name
     */
    static List<int[]> of(Kind kind, String sentence, Set<String> common) {
        List<int[]> out = new ArrayList<>();
        Matcher m = switch (kind) {
            case NAME -> NAME.matcher(sentence);
            case DATE -> DATE.matcher(sentence);
            case NUMBER -> NUMBER.matcher(sentence);
        };
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            if (kind == Kind.NAME) {
                for (int[] piece : pieces(sentence, start, end)) {
                    addName(sentence, piece[0], piece[1], piece[2], common, out);
                }
            } else if (kind == Kind.NUMBER && YEAR.matcher(m.group()).matches()) {
                continue; // a bare year is a date, not a count
            } else {
                out.add(new int[] {start, end, UNKNOWN});
            }
        }
        return out;
    }

    /** Where a name stood beside a title: after one it is a person's ("CEO Brian Niccol"), before one an organisation's or place's ("Chipotle CEO"). */
    static final int UNKNOWN = 0;
    static final int AFTER_TITLE = 1;
    static final int BEFORE_TITLE = 2;

    /** Titles and roles that stand before names ("Gov. Ron DeSantis", "Chipotle CEO Brian Niccol"), not in them. */
    private static final Set<String> TITLES = Set.of("gov", "governor", "rep", "representative", "sen", "senator", "dr", "ceo",
            "cfo", "coo", "chairman", "chairwoman", "chair", "president", "vice", "secretary", "judge", "justice", "longtime",
            "former", "coach", "prime", "minister", "mayor", "speaker", "chief", "king", "queen", "prince", "princess", "pope",
            "lord", "lady", "gen", "general", "lt", "col", "sgt", "capt", "rev", "attorney", "star", "singer", "actor", "actress",
            "rapper", "quarterback", "founder", "director", "commissioner", "sheriff", "officer", "agent", "detective",
            "president-elect", "pres", "generalissimo", "sunday", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday");

    /**
     * A capitalised run split where one name ends and another begins: after a possessive ("Elon Musk's | Twitter
     * Inc") and around titles ("Chipotle | CEO | Brian Niccol").
     */
    private static List<int[]> pieces(String sentence, int start, int end) {
        List<int[]> out = new ArrayList<>();
        Matcher w = WORD.matcher(sentence.substring(0, end));
        w.region(start, end);
        int pieceStart = -1;
        int pieceEnd = -1;
        int role = UNKNOWN;
        boolean afterTitle = false;
        while (w.find()) {
            String word = w.group();
            String bare = TRAILING_STOPS.matcher(POSSESSIVE.matcher(word).replaceAll("")).replaceAll("").toLowerCase(Locale.ROOT);
            if (TITLES.contains(bare)) {
                if (pieceStart >= 0) {
                    out.add(new int[] {pieceStart, pieceEnd, BEFORE_TITLE});
                }
                pieceStart = -1;
                afterTitle = true;
                continue;
            }
            if (pieceStart < 0) {
                pieceStart = w.start();
                role = afterTitle ? AFTER_TITLE : UNKNOWN;
                afterTitle = false;
            }
            pieceEnd = w.end();
            if (word.endsWith("'s") || word.endsWith("’s") || word.endsWith("'") || word.endsWith("’")) {
                out.add(new int[] {pieceStart, pieceEnd, role});
                pieceStart = -1;
            }
        }
        if (pieceStart >= 0) {
            out.add(new int[] {pieceStart, pieceEnd, role});
        }
        return out;
    }

    /** A datelined city in capitals ("WASHINGTON —"), not an acronym (BBC, NATO). */
    private static final Pattern SHOUTED = Pattern.compile("[\\p{Lu}\\s.'’-]{5,}");

    private static void addName(String sentence, int start, int end, int role, Set<String> common, List<int[]> out) {
        int[] span = trimName(sentence, start, end);
        if (span == null || SHOUTED.matcher(sentence.substring(span[0], span[1])).matches() || attributive(sentence, span)) {
            return;
        }
        String text = sentence.substring(span[0], span[1]);
        if (opensSentence(sentence, span[0]) && text.indexOf(' ') < 0 && common.contains(text.toLowerCase(Locale.ROOT))) {
            return;
        }
        out.add(new int[] {span[0], span[1], role});
    }

    /** A capitalised run without the sentence-opening and time words around it, and without a possessive. */
    private static int[] trimName(String sentence, int start, int end) {
        String text = sentence.substring(start, end);
        // trailing punctuation and possessives
        while (!text.isEmpty() && ".,'’-&".indexOf(text.charAt(text.length() - 1)) >= 0
                && !ABBREVIATION_END.matcher(text).find()) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("'s") || text.endsWith("’s")) {
            text = text.substring(0, text.length() - 2);
        }
        String[] words = SPACES.split(text);
        int from = 0;
        int to = words.length;
        while (from < to && NOT_NAMES.contains(bare(words[from]))) {
            from++;
        }
        while (to > from && NOT_NAMES.contains(bare(words[to - 1]))) {
            to--;
        }
        if (from == to) {
            return null;
        }
        int offset = start;
        for (int i = 0; i < from; i++) {
            offset = sentence.indexOf(words[i], offset) + words[i].length();
        }
        int s = sentence.indexOf(words[from], offset);
        int e = s;
        for (int i = from; i < to; i++) {
            e = sentence.indexOf(words[i], e) + words[i].length();
        }
        if (e - s < 2) {
            return null;
        }
        return new int[] {s, e};
    }

    private static final Pattern ADJECTIVE = Pattern.compile("\\p{Lu}\\p{Ll}+(ish|ese|ian|ean)|\\p{Lu}[\\p{L}]*-\\p{Ll}[\\p{L}-]*");
    private static final Pattern LOWER_NEXT = Pattern.compile("^\\s+\\p{Ll}");

    /** "Spanish troops", "Chinese-made", "Spanish-language network": a capitalised adjective, not a name. */
    private static boolean attributive(String sentence, int[] span) {
        String text = sentence.substring(span[0], span[1]);
        return text.indexOf(' ') < 0 && ADJECTIVE.matcher(text).matches()
                && (text.indexOf('-') > 0 || LOWER_NEXT.matcher(sentence.substring(span[1])).find());
    }

    private static boolean opensSentence(String sentence, int start) {
        return sentence.substring(0, start).chars().noneMatch(Character::isLetterOrDigit);
    }

    private static final Pattern LOWER_WORD = Pattern.compile("(?<![\\p{L}])\\p{Ll}+(?![\\p{L}])");

    /** Words written in lower case somewhere in {@code texts}. */
    static Set<String> lowerCaseWords(List<String> texts) {
        Set<String> words = new HashSet<>();
        for (String t : texts) {
            Matcher m = LOWER_WORD.matcher(t);
            while (m.find()) {
                words.add(m.group());
            }
        }
        return words;
    }

    private static String bare(String word) {
        return NOT_WORD.matcher(word).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
