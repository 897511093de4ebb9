package io.citebot.ingest;

/** Builds a headline for articles that carry none. */
final class Titles {

    private static final int MAX = 120;

    private Titles() {
    }

    /** The first sentence of the text, cut at a word boundary; the id when the text is empty. */
    static String fallback(String text, String id) {
        var sentences = Sentences.split(text);
        if (sentences.isEmpty()) {
            return id;
        }
        String first = sentences.getFirst().text();
        if (first.endsWith(".")) {
            first = first.substring(0, first.length() - 1);
        }
        if (first.length() <= MAX) {
            return first;
        }
        int cut = first.lastIndexOf(' ', MAX - 1);
        return first.substring(0, cut > 40 ? cut : MAX - 1) + "…";
    }
}
