package io.citebot.cli;

/** Text from articles on its way to a terminal: control characters (escape sequences) become nothing. */
final class Terminal {

    private Terminal() {
    }

    /** {@code text} without C0/C1 control characters other than newline and tab. */
    static String safe(String text) {
        return text == null ? null : text.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "");
    }
}
