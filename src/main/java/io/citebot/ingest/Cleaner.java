package io.citebot.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes boilerplate from a scraped page, in the manner of jusText (Pomikálek, 2011): every block is first
 * classified on its own (length, share of stopwords, link density, known boilerplate phrases), then short and
 * borderline blocks take the class of their neighbours. Two rules for news pages come on top: a known
 * section marker ("TRENDING", "Latest News", "Related stories", ...) opens a region that stays boilerplate
 * until real prose returns, and lines that occur twice (teasers, a repeated headline) are dropped.
 */
public final class Cleaner {

    enum Kind { GOOD, NEAR_GOOD, SHORT, BAD }

    /** Blocks shorter than this are judged by their neighbours. */
    static final int LENGTH_LOW = 70;
    /**
     * Blocks longer than this with enough stopwords are prose on their own. jusText uses 200 for whole web
     * pages; news paragraphs are shorter, while headlines and teasers rarely pass 150.
     */
    static final int LENGTH_HIGH = 150;
    /** Share of stopwords among the words of running English prose (headlines and lists have fewer). */
    static final double STOPWORDS_LOW = 0.26;
    static final double STOPWORDS_HIGH = 0.30;
    /** Navigation and link lists are mostly links. */
    static final double MAX_LINK_DENSITY = 0.2;

    private static final Pattern SECTION_MARKER = Pattern.compile(
            "(?i)^(trending( now| news| stories)?|latest( news| stories| headlines)?|related( articles| stories| news| content| posts)?"
                    + "|read (more|next|also)|also read|see also|more (from|stories|news|on this)( .{0,40})?|most (read|popular|viewed|shared)"
                    + "|popular( now| stories)?|top stories|recommended( for you| stories)?|you (may|might) (also )?like"
                    + "|editor'?s picks|opinion ?/ ?blog ?/ ?interview|don'?t miss|in case you missed it|what to read next"
                    + "|advertisement|sponsored( content)?|comments?|leave a (comment|reply)|share this( article| story)?)[:.!]?$");

    private static final Pattern BOILERPLATE = Pattern.compile(
            "(?i)(©|\\(c\\) ?\\d{4}|copyright \\d{4}|copyright ©|all rights reserved|this image is ai-generated"
                    + "|image (is )?(for )?(representational|representative|illustrative)|(image|photo) ?(credit|courtesy|source)s? ?:"
                    + "|does not depict any real-life|subscribe to (our|the) newsletter|sign up for (our|the)|follow us on"
                    + "|connect (with )?us on|share (this|on) (article|story|facebook|twitter)|click here|cookie (policy|settings)"
                    + "|privacy policy|terms of (use|service)|give feedback|^e-?mail ?:|^phone ?:|^tel ?:|^contact us"
                    + "|^\\(?with inputs from .{0,40}\\)?\\.?\\)?$|^\\(this story has not been edited.*|^skip to (main )?content"
                    + "|^(left|main|top) menu$|^menu$|^advertisement$|^loading\\.*$"
                    // ad-feedback forms that pages carry as text (CNN's): they reach plain-text and JSON-lines dumps too
                    + "|how relevant is this ad to you|video player was slow to load|video content never loaded"
                    + "|ad froze or did not finish loading|audio on (the )?ad(vertisement)? was too loud)");

    private static final Pattern MENU_SEPARATOR = Pattern.compile("\\s+[|•·/»]\\s+");

    private static final Pattern TEASER_END = Pattern.compile("(\\.\\.\\.|…)$");

    private Cleaner() {
    }

    /**
     * A paragraph of reporting that ends in a boilerplate sentence ("… said the mayor. Click here to read the full
     * report.") loses that sentence, not the paragraph. Only trailing ones: a block that opens with boilerplate
     * ("This image is AI-generated … It is a fictional representation …") is judged whole, as are short blocks.
     */
    static Block withoutBoilerplateSentences(Block block) {
        String text = block.text().strip();
        if (text.length() < LENGTH_LOW || block.heading() || !BOILERPLATE.matcher(text).find()) {
            return block;
        }
        List<Sentences.Span> spans = new ArrayList<>(Sentences.split(text));
        while (!spans.isEmpty() && BOILERPLATE.matcher(text.substring(spans.getLast().start(), spans.getLast().end())).find()) {
            spans.removeLast();
        }
        if (spans.isEmpty()) {
            return block;
        }
        String kept = text.substring(spans.getFirst().start(), spans.getLast().end()).strip();
        return kept.length() == text.length() || BOILERPLATE.matcher(kept).find() ? block : new Block(kept, block.linkDensity(), false);
    }

    /** The blocks worth keeping, in page order. */
    public static List<String> clean(List<Block> input) {
        List<Block> blocks = input.stream().map(Cleaner::withoutBoilerplateSentences).toList();
        int n = blocks.size();
        Kind[] kinds = new Kind[n];
        // what rules (not the stopword share) mark as boilerplate: never kept, even by the fallback below
        boolean[] ruledOut = new boolean[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = classify(blocks.get(i));
            Block b = blocks.get(i);
            ruledOut[i] = isKnownBoilerplate(b.text().strip()) || b.linkDensity() > MAX_LINK_DENSITY;
        }
        markRepeats(blocks, kinds, ruledOut);
        markSectionRegions(blocks, kinds, ruledOut);
        Kind[] resolved = resolveByContext(kinds);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (resolved[i] == Kind.GOOD) {
                kept.add(blocks.get(i).text());
            }
        }
        if (kept.isEmpty()) {
            // A page of one short or list-like paragraph (a wire brief, a dataset record) has no neighbour
            // to vouch for it; keep what is not known boilerplate rather than lose the article.
            for (int i = 0; i < n; i++) {
                if (!ruledOut[i] && blocks.get(i).text().strip().length() >= 20) {
                    kept.add(blocks.get(i).text());
                }
            }
        }
        return kept;
    }

    static boolean isSectionMarker(String text) {
        return SECTION_MARKER.matcher(text).matches();
    }

    static boolean isKnownBoilerplate(String text) {
        return BOILERPLATE.matcher(text).find() || SECTION_MARKER.matcher(text).matches() || isMenu(text);
    }

    /** "Home | World | Markets | Tech": three or more short items between separators. */
    static boolean isMenu(String text) {
        String[] items = MENU_SEPARATOR.split(text);
        if (items.length < 3) {
            return false;
        }
        for (String item : items) {
            if (item.isBlank() || item.strip().split("\\s+").length > 3) {
                return false;
            }
        }
        return true;
    }

    static Kind classify(Block block) {
        String text = block.text().strip();
        if (text.isEmpty() || isKnownBoilerplate(text)) {
            return Kind.BAD;
        }
        if (block.linkDensity() > MAX_LINK_DENSITY) {
            return Kind.BAD;
        }
        if (text.length() < LENGTH_LOW) {
            return block.linkDensity() > 0 ? Kind.BAD : Kind.SHORT;
        }
        double stop = Stopwords.density(text);
        if (stop >= STOPWORDS_HIGH) {
            return text.length() > LENGTH_HIGH ? Kind.GOOD : Kind.NEAR_GOOD;
        }
        return stop >= STOPWORDS_LOW ? Kind.NEAR_GOOD : Kind.BAD;
    }

    /** A line seen twice, or a teaser cut with "..." whose start is another block, is not article text. */
    private static void markRepeats(List<Block> blocks, Kind[] kinds, boolean[] ruledOut) {
        Map<String, Integer> counts = new HashMap<>();
        for (Block b : blocks) {
            counts.merge(normalize(b.text()), 1, Integer::sum);
        }
        for (int i = 0; i < blocks.size(); i++) {
            String text = blocks.get(i).text().strip();
            if (text.length() < LENGTH_HIGH * 2 && counts.get(normalize(text)) > 1) {
                kinds[i] = Kind.BAD;
                ruledOut[i] = true;
            }
            var teaser = TEASER_END.matcher(text);
            if (teaser.find()) {
                String prefix = normalize(text.substring(0, teaser.start()));
                for (int j = 0; j < blocks.size(); j++) {
                    if (j != i && prefix.length() >= 20 && normalize(blocks.get(j).text()).startsWith(prefix)) {
                        kinds[i] = Kind.BAD;
                        kinds[j] = Kind.BAD;
                        ruledOut[i] = true;
                        ruledOut[j] = true;
                    }
                }
            }
        }
    }

    /** After a section marker everything is boilerplate until a paragraph of real prose returns. */
    private static void markSectionRegions(List<Block> blocks, Kind[] kinds, boolean[] ruledOut) {
        boolean inRegion = false;
        for (int i = 0; i < blocks.size(); i++) {
            String text = blocks.get(i).text().strip();
            if (SECTION_MARKER.matcher(text).matches()) {
                inRegion = true;
                kinds[i] = Kind.BAD;
            } else if (inRegion) {
                if (kinds[i] == Kind.GOOD && text.length() > LENGTH_HIGH) {
                    inRegion = false;
                } else {
                    kinds[i] = Kind.BAD;
                    ruledOut[i] = true;
                }
            }
        }
    }

    /** jusText's context pass: short and near-good blocks follow their nearest decided neighbours. */
    private static Kind[] resolveByContext(Kind[] kinds) {
        int n = kinds.length;
        Kind[] out = kinds.clone();
        for (int i = 0; i < n; i++) {
            if (kinds[i] != Kind.SHORT && kinds[i] != Kind.NEAR_GOOD) {
                continue;
            }
            Kind prev = neighbour(kinds, i, -1);
            Kind next = neighbour(kinds, i, +1);
            if (kinds[i] == Kind.SHORT) {
                out[i] = prev == Kind.GOOD && next == Kind.GOOD ? Kind.GOOD : Kind.BAD;
            } else {
                out[i] = prev == Kind.BAD && next == Kind.BAD ? Kind.BAD : Kind.GOOD;
            }
        }
        return out;
    }

    /** The nearest block in direction {@code step} that is GOOD or BAD (NEAR_GOOD counts as GOOD); the page edge is BAD. */
    private static Kind neighbour(Kind[] kinds, int i, int step) {
        for (int j = i + step; j >= 0 && j < kinds.length; j += step) {
            if (kinds[j] == Kind.GOOD || kinds[j] == Kind.BAD) {
                return kinds[j];
            }
            if (kinds[j] == Kind.NEAR_GOOD) {
                return Kind.GOOD;
            }
        }
        return Kind.BAD;
    }

    /** Lower case, letters and digits only: how two lines are compared. */
    static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
