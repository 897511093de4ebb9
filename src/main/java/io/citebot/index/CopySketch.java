package io.citebot.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Copies of one text found by their shared word 5-grams ("shingles"): a wire story printed by several outlets, a
 * statement or transcript printed whole, a light rewrite. Each passage's shingles are summarised at ingest by a
 * MinHash sketch of {@link #HASHES} values, indexed as terms ({@link IndexFields#COPY_SKETCH}), so the copies of a
 * passage anywhere in the archive are found with one lookup (passages sharing at least {@link #MIN_SHARED} sketch
 * values) and confirmed by comparing the shingles themselves ({@link #copies}).
 *
 * <p>Why these numbers: each sketch value is shared by two passages with probability equal to their shingle
 * Jaccard similarity J. Two passages of equal length half of whose 5-grams are shared have J = 1/3, a passage 80%
 * contained in one twice as long J ≈ 0.36; with 24 values and at least 2 shared, such pairs are looked up with
 * probability 0.999 (J = 0.25: 0.99), while passages that share only a common phrase ("for the first time in")
 * rarely share two values. On the news sets the lookup returned 98.6% of the pairs of outlets the detector calls
 * copies (16 values: 94–96%, 32: 99.5% for twice the candidates); docs/benchmarks.md, "One story told once".
 */
public final class CopySketch {

    /** Word n-grams compared. */
    public static final int SHINGLE = 5;
    /**
     * Two passages are copies when this share of the shorter one's 5-grams is in the other: a trimmed or lightly
     * edited copy keeps most of them, two reports of the same event in their own words share almost none. At 0.6,
     * templated paragraphs about different events ("a multistate outbreak of E. coli potentially linked to …") were
     * merged on the news sets; at 0.8 the cross-outlet pairs read were all copies of one text.
     */
    public static final double CONTAINMENT = 0.8;
    /**
     * The share that makes passages of two different outlets copies. Read on the news sets (docs/benchmarks.md, "One
     * story told once"): between outlets, pairs sharing 50–80% of the shorter passage's 5-grams were the same text
     * (a transcript as prepared and as delivered, a statement or a quote printed with other attribution) in 39 of 40
     * read; below 50%, in about half.
     */
    public static final double OTHER_OUTLET_CONTAINMENT = 0.5;
    /** Passages with fewer 5-grams than this (a headline, a line) are never called copies and get no sketch. */
    public static final int MIN_SHINGLES = 12;
    /** MinHash values per passage. */
    public static final int HASHES = 24;
    /** Sketch values two passages must share to be compared. */
    public static final int MIN_SHARED = 2;

    private static final Pattern HOST = Pattern.compile("(?:[a-z0-9-]+\\.)+[a-z]{2,}");
    /** Second-level labels under which a country's domains are registered ({@code co.uk}, {@code com.au}). */
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "org", "net", "gov", "ac", "edu", "ne", "or");
    private static final long[] SEEDS = new long[HASHES];

    static {
        long s = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < HASHES; i++) {
            s = mix(s + 0x632BE59BD9B4E5D7L);
            SEEDS[i] = s;
        }
    }

    private CopySketch() {
    }

    /**
     * The hashed word 5-grams of a text, case and punctuation ignored: a word is a run of letters and numbers
     * ({@code [\p{L}\p{N}]+} of the lower-cased text), hashed as its string would be. Read without a regular expression
     * or a string per word (this runs for every passage written, and for a question's passages and their copies).
     */
    public static Set<Long> shingles(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int[] words = new int[64];
        int n = 0;
        int i = 0;
        int length = lower.length();
        while (i < length) {
            int cp = lower.codePointAt(i);
            if (!wordCharacter(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int hash = 0; // String.hashCode of the word
            while (i < length && wordCharacter(cp = lower.codePointAt(i))) {
                int end = i + Character.charCount(cp);
                for (; i < end; i++) {
                    hash = 31 * hash + lower.charAt(i);
                }
            }
            if (n == words.length) {
                words = Arrays.copyOf(words, 2 * n);
            }
            words[n++] = hash;
        }
        Set<Long> out = new HashSet<>();
        for (int w = 0; w + SHINGLE <= n; w++) {
            long h = 1125899906842597L;
            for (int k = w; k < w + SHINGLE; k++) {
                h = 31 * h + words[k];
            }
            out.add(h);
        }
        return out;
    }

    /** {@code [\p{L}\p{N}]}: a letter or a number of any kind, as Java's regular expressions read those classes. */
    static boolean wordCharacter(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                 Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /**
     * The share of 5-grams that makes passages of these two articles copies: {@link #OTHER_OUTLET_CONTAINMENT} between
     * two named outlets, {@link #CONTAINMENT} within one or when either source is unknown (an archive of files
     * without metadata may be one outlet's, whose templated paragraphs differ by a few words).
     */
    public static double share(ArticleRef a, ArticleRef b) {
        return a.source() != null && b.source() != null && !sameOutlet(a, b) ? OTHER_OUTLET_CONTAINMENT : CONTAINMENT;
    }

    /**
     * Whether two articles come from one outlet: the same source, where sources named by their web address are one
     * outlet under one registered domain ({@code e.newsletters.cnn.com} is CNN's newsletter, reprinting cnn.com's
     * stories and footers). Unknown sources are not one outlet.
     */
    public static boolean sameOutlet(ArticleRef a, ArticleRef b) {
        return a.source() != null && b.source() != null && outlet(a.source()).equals(outlet(b.source()));
    }

    /** Outlets by source name, as {@link #outlet} found them (an archive names a few hundred sources). */
    private static final Map<String, String> OUTLETS = new ConcurrentHashMap<>();

    /** The outlet a source names: a host name's registered domain ({@code bbc.co.uk}, {@code cnn.com}), else the name. */
    public static String outlet(String source) {
        String known = OUTLETS.get(source);
        if (known != null) {
            return known;
        }
        String s = source.strip().toLowerCase(Locale.ROOT);
        String outlet = s;
        if (HOST.matcher(s).matches()) {
            String[] labels = s.split("\\.");
            int keep = labels.length >= 3 && labels[labels.length - 1].length() == 2 && SECOND_LEVEL.contains(labels[labels.length - 2]) ? 3 : 2;
            outlet = String.join(".", Arrays.copyOfRange(labels, Math.max(0, labels.length - keep), labels.length));
        }
        if (OUTLETS.size() >= 10_000) {
            OUTLETS.clear(); // sources named by hand or by feeds are few; this only bounds a stream of odd ones
        }
        OUTLETS.put(source, outlet);
        return outlet;
    }

    /** Whether two passages' 5-gram sets are copies of one text ({@link #CONTAINMENT} of the shorter one shared). */
    public static boolean copies(Set<Long> a, Set<Long> b) {
        return copies(a, b, CONTAINMENT);
    }

    /** Whether two passages' 5-gram sets are copies of one text, at least {@code share} of the shorter one shared. */
    public static boolean copies(Set<Long> a, Set<Long> b, double share) {
        return a.size() >= MIN_SHINGLES && b.size() >= MIN_SHINGLES && containment(a, b) >= share;
    }

    /** The share of the smaller set's 5-grams found in the other (0 when either is empty). */
    public static double containment(Set<Long> a, Set<Long> b) {
        Set<Long> small = a.size() <= b.size() ? a : b;
        Set<Long> large = small == a ? b : a;
        if (small.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (Long s : small) {
            if (large.contains(s)) {
                shared++;
            }
        }
        return (double) shared / small.size();
    }

    /**
     * The sketch of a passage's text as index terms ({@code "<i>:<value>"}, one per hash function), empty when the
     * text is too short to be called a copy.
     */
    public static List<String> terms(String text) {
        return terms(shingles(text));
    }

    /** The sketch of these shingles as index terms. */
    public static List<String> terms(Set<Long> shingles) {
        if (shingles.size() < MIN_SHINGLES) {
            return List.of();
        }
        long[] min = new long[HASHES];
        Arrays.fill(min, Long.MAX_VALUE);
        for (long s : shingles) {
            for (int i = 0; i < HASHES; i++) {
                long h = mix(s ^ SEEDS[i]) >>> 1;
                if (h < min[i]) {
                    min[i] = h;
                }
            }
        }
        List<String> out = new ArrayList<>(HASHES);
        for (int i = 0; i < HASHES; i++) {
            // 48 bits of the minimum keep chance collisions negligible and the terms short
            out.add(Integer.toString(i, 36) + Long.toString(min[i] >>> 15, 36));
        }
        return out;
    }

    /** SplitMix64's finaliser: a 64-bit hash with good avalanche. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
