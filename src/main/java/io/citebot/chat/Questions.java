package io.citebot.chat;

import io.citebot.ingest.TextHygiene;
import java.text.Normalizer;

/**
 * A question as it arrives from any door, made into text worth searching: Unicode NFC, then the same hygiene as
 * stored article text ({@link TextHygiene}: every kind of space a plain space; control characters other than
 * newline and tab, format characters and unpaired surrogates dropped). Lengths are counted in code points, so
 * an emoji counts once.
 */
public final class Questions {

    private Questions() {
    }

    /** The question cleaned, stripped; empty when nothing was left. */
    public static String normalize(String raw) {
        return TextHygiene.clean(Normalizer.normalize(raw, Normalizer.Form.NFC)).strip();
    }

    /** Whether the text holds anything a search can use: a letter or a digit. */
    public static boolean searchable(String text) {
        return TextHygiene.hasWords(text);
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
