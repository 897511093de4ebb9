package io.citebot.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Takes out of an article element what news sites put inside it besides the article: the headline again,
 * kickers ("BLACK DEATH FEARS"), breadcrumbs, datelines and bylines, photo captions and credits, "Related:"
 * and "SEE MORE:" lines, teaser lists of links, and everything after a section marker such as "You may also
 * like" until prose returns. Unlike {@link Cleaner}, it trusts the blocks it is given: short paragraphs stay.
 */
final class ArticleTrimmer {

    /** "Related: …", "SEE MORE: …", "READ MORE: …": a pointer to another story. */
    private static final Pattern POINTER = Pattern.compile(
            "(?i)^(related|see more|read more|read also|also read|more|watch|listen|click here|recommended|see also|"
                    + "don'?t miss|must read|read next|up next|more on this)\\s*[:|-]\\s*.{0,150}$");
    /** Photo and image lines: "Image 1 of 5", "(Image credit: Blue Origin)", "Photo: AP", "…Credit: EPA". */
    private static final Pattern IMAGE_LINE = Pattern.compile(
            "(?i)^(image \\d+ of \\d+|\\(?(image|photo|picture)( credit)?s?\\s*:.{0,120}\\)?|\\(image:.{0,120}\\)"
                    + "|.{0,300}\\((image|photo|picture)s?: [^)]{1,60}\\)|.{0,300}credit:\\s*[^.]{1,60}|(photo|image|getty|ap photo|reuters)"
                    + "( images)?\\s*[:/].{0,80}|.{0,200}\\b(photograph|photo|picture): [^.]{1,60}\\.?)$");
    /** A line that is a date and little else: "18 Nov 2019, 19:09", "Updated 12:24 am EST, Wednesday, November 20, 2019". */
    private static final Pattern DATE_WORDS = Pattern.compile(
            "(?i)\\b(updated|published|posted|last updated|first published|created|am|pm|est|edt|gmt|utc|bst|ist|cet|at|on|by)\\b"
                    + "|\\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\b|\\d+|[:|,.\\-–]");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…\"”’')\\]。！？」]$");
    /** Header lines (breadcrumbs, kicker, headline, byline, date) stand among the first few blocks. */
    private static final int HEADER_BLOCKS = 8;
    /** Teaser lists and link rows: short blocks that are mostly links. */
    private static final double TEASER_LINK_DENSITY = 0.5;
    private static final int SHORT = 160;
    /** A line printed twice inside the article is a caption of a slideshow or a teaser, not the story. */
    private static final int REPEAT_MAX = 300;

    private ArticleTrimmer() {
    }

    static List<Block> trim(List<Block> blocks, String title) {
        String titleKey = title == null ? "" : Cleaner.normalize(title);
        Map<String, Integer> seen = new HashMap<>();
        blocks.forEach(b -> seen.merge(Cleaner.normalize(b.text()), 1, Integer::sum));
        int firstProse = firstProse(blocks);
        List<Block> kept = new ArrayList<>();
        boolean inSection = false;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            String text = b.text().strip();
            if (Cleaner.isSectionMarker(text)) {
                inSection = true;
                continue;
            }
            if (inSection) {
                if (isProse(b, text)) {
                    inSection = false;
                } else {
                    continue;
                }
            }
            boolean repeated = text.length() >= 40 && text.length() < REPEAT_MAX && seen.get(Cleaner.normalize(text)) > 1;
            if (repeated || isChrome(b, text, titleKey) || i < Math.min(firstProse, HEADER_BLOCKS) && isHeader(text)) {
                continue;
            }
            kept.add(b);
        }
        return kept;
    }

    private static boolean isChrome(Block b, String text, String titleKey) {
        if (text.isEmpty() || Cleaner.isKnownBoilerplate(text)) {
            return true;
        }
        if (!titleKey.isEmpty() && Cleaner.normalize(text).equals(titleKey)) {
            return true;
        }
        if (text.length() < SHORT && b.linkDensity() > TEASER_LINK_DENSITY) {
            return true;
        }
        return text.length() < 400 && (POINTER.matcher(text).matches() || IMAGE_LINE.matcher(text).matches())
                || isDateLine(text) || isKicker(text);
    }

    /** A sentence of running text, not a link: where a "Related" section gives way to the article again. */
    private static boolean isProse(Block b, String text) {
        return text.length() >= 60 && b.linkDensity() < Cleaner.MAX_LINK_DENSITY && SENTENCE_END.matcher(text).find()
                && Stopwords.density(text) >= Cleaner.STOPWORDS_LOW;
    }

    /** Above the first paragraph of prose: breadcrumbs, kicker, headline, byline, date; none ends a sentence. */
    private static boolean isHeader(String text) {
        return text.length() < 200 && !SENTENCE_END.matcher(text).find();
    }

    /** The index of the first block that reads as a paragraph of prose. */
    private static int firstProse(List<Block> blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            String text = blocks.get(i).text().strip();
            if (text.length() >= 80 && SENTENCE_END.matcher(text).find() || text.length() >= 200) {
                return i;
            }
        }
        return blocks.size();
    }

    /** A short line in capitals with no sentence: a kicker or a section label ("RANDY ANDY", "DIGG PICKS | AFFILIATE"). */
    static boolean isKicker(String quoted) {
        String text = quoted.replaceAll("^[‘'\"“]+|[’'\"”]+$", "");
        return text.length() <= 60 && text.chars().anyMatch(Character::isLetter)
                && text.chars().anyMatch(Character::isUpperCase)
                && text.chars().noneMatch(Character::isLowerCase) && text.split("\\s+").length <= 8
                && !SENTENCE_END.matcher(text).find();
    }

    static boolean isDateLine(String text) {
        if (text.length() > 100 || Dates.find(text).isEmpty() && !text.matches("(?i).*\\b(updated|published)\\b.*\\d.*")) {
            return false;
        }
        String rest = DATE_WORDS.matcher(Dates.MONTH_NAMES.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
        return rest.split("\\s+").length <= 2 || rest.isBlank();
    }
}
