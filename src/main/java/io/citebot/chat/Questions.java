package io.citebot.chat;

import java.text.Normalizer;

/**
 * A question as it arrives from any door, made into text worth searching: Unicode NFC; every kind of space
 * becomes a plain space; control characters (other than newline and tab), format characters (zero-width
 * spaces, direction marks, BOMs) and unpaired surrogates are dropped. Lengths are counted in code points,
 * so an emoji counts once.
 */
public final class Questions {

    private Questions() {
    }

    /** The question cleaned, stripped; empty when nothing was left. */
    public static String normalize(String raw) {
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        nfc.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t') {
                out.appendCodePoint(cp);
            } else if (Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (!dropped(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString().strip();
    }

    /** Whether the text holds anything a search can use: a letter or a digit. */
    public static boolean searchable(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static boolean dropped(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
