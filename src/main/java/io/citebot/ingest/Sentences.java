package io.citebot.ingest;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sentence splitting with character offsets. The JDK's break iterator does the work; its breaks after
 * abbreviations ("U.S. President", "Mr. Smith") and initials are merged back.
 */
public final class Sentences {

    /** A sentence: its text (trimmed) and where it stands in the text it was split from. */
    public record Span(String text, int start, int end) {
    }

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov",
            "sen", "rep", "rev", "hon", "pres", "vs", "etc", "inc", "ltd", "co", "corp", "no", "fig", "approx",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e");

    /** Dotted initialisms such as U.S., U.K., U.N., or a single initial: "J." */
    private static final Pattern INITIALS = Pattern.compile("(?:\\p{L}\\.){1,4}$");

    private Sentences() {
    }

    public static List<Span> split(String text) {
        return split(text, 0, text.length());
    }

    /** Splits {@code text[from, to)}; offsets in the result are offsets in {@code text}. */
    public static List<Span> split(String text, int from, int to) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        String region = text.substring(from, to);
        it.setText(region);
        List<int[]> raw = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            raw.add(new int[] {start, end});
        }
        List<int[]> merged = new ArrayList<>();
        for (int[] r : raw) {
            if (!merged.isEmpty() && endsWithAbbreviation(region.substring(merged.getLast()[0], merged.getLast()[1]))
                    && !startsNewParagraph(region, r[0])) {
                merged.getLast()[1] = r[1];
            } else {
                merged.add(r);
            }
        }
        List<Span> spans = new ArrayList<>();
        for (int[] r : merged) {
            int s = r[0];
            int e = r[1];
            while (s < e && Character.isWhitespace(region.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(region.charAt(e - 1))) {
                e--;
            }
            if (e > s) {
                spans.add(new Span(region.substring(s, e), from + s, from + e));
            }
        }
        return spans;
    }

    private static boolean startsNewParagraph(String region, int at) {
        return region.substring(Math.max(0, at - 2), at).contains("\n");
    }

    private static boolean endsWithAbbreviation(String sentence) {
        String s = sentence.strip();
        if (!s.endsWith(".")) {
            return false;
        }
        int space = s.lastIndexOf(' ');
        String lastWord = s.substring(space + 1, s.length() - 1).toLowerCase(Locale.ROOT);
        if (ABBREVIATIONS.contains(lastWord)) {
            return true;
        }
        String token = s.substring(space + 1);
        // "U.S." and "J." are initials; "1990." or "done." are not
        return INITIALS.matcher(token).find() && token.length() <= 9 && Character.isUpperCase(token.charAt(0))
                && (token.length() == 2 || token.indexOf('.') < token.length() - 1);
    }
}
