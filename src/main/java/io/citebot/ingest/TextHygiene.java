package io.citebot.ingest;

/**
 * What no stored text may hold: control characters other than newline and tab (terminal escape sequences
 * among them), and format characters such as zero-width spaces and direction marks, which look like nothing
 * yet make a passage that cannot be embedded. Spaces of every kind become plain spaces.
 */
public final class TextHygiene {

    private TextHygiene() {
    }

    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            String replacement = replacement(cp);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    /** Whether the text has a letter or a digit: anything a search or an embedding can use. */
    public static boolean hasWords(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** Null to keep the code point; otherwise what stands for it. */
    private static String replacement(int cp) {
        if (cp == '\n' || cp == '\t') {
            return null;
        }
        if (cp != ' ' && Character.isSpaceChar(cp)) {
            return " ";
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED -> "";
            default -> null;
        };
    }
}
