package io.citebot.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits plain text and Markdown into blocks. Scraped text puts one block on a line; hand-written text
 * wraps paragraphs over several lines and separates them with blank lines. Both are recognised.
 */
final class TextBlocks {

    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");
    private static final Pattern MD_HEADING = Pattern.compile("^#{1,6}\\s+");
    private static final Pattern MD_IMAGE = Pattern.compile("!\\[[^]]*]\\([^)]*\\)");
    private static final Pattern MD_LINK = Pattern.compile("\\[([^]]+)]\\([^)]*\\)");
    private static final Pattern MD_EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|`)");
    private static final Pattern MD_LIST = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+");
    private static final Pattern MD_QUOTE = Pattern.compile("^>\\s?");

    private TextBlocks() {
    }

    static List<Block> plain(String text) {
        return split(text, false);
    }

    static List<Block> markdown(String text) {
        return split(text, true);
    }

    private static List<Block> split(String text, boolean markdown) {
        List<Block> blocks = new ArrayList<>();
        for (String paragraph : BLANK_LINES.split(text.replace("\r\n", "\n").replace('\r', '\n'))) {
            List<String> lines = paragraph.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (lines.isEmpty()) {
                continue;
            }
            if (isWrapped(lines, markdown)) {
                blocks.add(toBlock(String.join(" ", lines), markdown));
            } else {
                for (String line : lines) {
                    Block b = toBlock(line, markdown);
                    if (!b.text().isEmpty()) {
                        blocks.add(b);
                    }
                }
            }
        }
        return blocks;
    }

    /**
     * Lines of one hard-wrapped paragraph: most do not end a sentence, and none is a header line of its own (a
     * "Published: …" or "Original Source: …" line under a headline), a section marker ("TRENDING"), or a Markdown
     * list item or heading.
     */
    private static boolean isWrapped(List<String> lines, boolean markdown) {
        if (lines.size() < 2) {
            return true;
        }
        if (markdown && lines.stream().anyMatch(l -> MD_LIST.matcher(l).find() || MD_HEADING.matcher(l).find())) {
            return false;
        }
        List<String> notLast = lines.subList(0, lines.size() - 1);
        long open = notLast.stream().filter(l -> !l.matches(".*[.!?:\"”')]$")).count();
        double avg = lines.stream().mapToInt(String::length).average().orElse(0);
        boolean ownLines = lines.stream().anyMatch(l -> MetadataExtractor.isHeaderLine(l) || Cleaner.isSectionMarker(l));
        return open * 2 > notLast.size() && avg >= 40 && avg <= 100 && !ownLines;
    }

    private static Block toBlock(String raw, boolean markdown) {
        String text = raw;
        boolean heading = false;
        if (markdown) {
            heading = MD_HEADING.matcher(text).find();
            text = MD_HEADING.matcher(text).replaceFirst("");
            text = MD_QUOTE.matcher(text).replaceFirst("");
            text = MD_LIST.matcher(text).replaceFirst("");
            text = MD_IMAGE.matcher(text).replaceAll("");
            text = MD_LINK.matcher(text).replaceAll("$1");
            text = MD_EMPHASIS.matcher(text).replaceAll("");
        }
        return new Block(text.replaceAll("\\s+", " ").strip(), 0, heading);
    }
}
