package io.citebot.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an article's cleaned text into passages of whole sentences. A passage stays within one paragraph,
 * gathers sentences until it reaches {@code targetChars}, and never cuts a sentence, so a single very long
 * sentence makes a passage of its own. A paragraph's last sentence that would make a passage of its own
 * under {@code minChars} joins the passage before it.
 */
public final class Chunker {

    private final int targetChars;
    private final int minChars;

    /**
     * @param targetChars a passage is closed once it has at least this many characters (about 3 news sentences at 400)
     * @param minChars    a paragraph tail shorter than this joins the previous passage
     */
    public Chunker(int targetChars, int minChars) {
        if (targetChars < 50 || minChars < 0 || minChars > targetChars) {
            throw new IllegalArgumentException("need 50 <= targetChars and 0 <= minChars <= targetChars");
        }
        this.targetChars = targetChars;
        this.minChars = minChars;
    }

    public static Chunker defaults() {
        return new Chunker(400, 120);
    }

    public List<Passage> chunk(Article article) {
        String text = article.text();
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int paragraphEnd = text.indexOf("\n\n", from);
            int to = paragraphEnd < 0 ? text.length() : paragraphEnd;
            chunkParagraph(text, from, to, ranges);
            from = to + 2;
        }
        List<Passage> passages = new ArrayList<>(ranges.size());
        for (int[] r : ranges) {
            if (!TextHygiene.hasWords(text.substring(r[0], r[1]))) {
                continue; // nothing to search or embed: a line of symbols or invisible characters
            }
            int ordinal = passages.size();
            passages.add(new Passage(Passage.idOf(article.id(), ordinal), article.id(), ordinal,
                    text.substring(r[0], r[1]), r[0], r[1]));
        }
        return passages;
    }

    private void chunkParagraph(String text, int from, int to, List<int[]> out) {
        List<Sentences.Span> sentences = Sentences.split(text, from, to);
        int first = out.size();
        int[] current = null;
        for (Sentences.Span s : sentences) {
            if (current == null) {
                current = new int[] {s.start(), s.end()};
            } else {
                current[1] = s.end();
            }
            if (current[1] - current[0] >= targetChars) {
                out.add(current);
                current = null;
            }
        }
        if (current != null) {
            boolean tooShort = current[1] - current[0] < minChars;
            if (tooShort && out.size() > first) {
                out.getLast()[1] = current[1];
            } else {
                out.add(current);
            }
        }
    }
}
