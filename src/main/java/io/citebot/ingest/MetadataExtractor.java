package io.citebot.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads title, date, source and URL from the text blocks of a page (the header lines and bylines that news
 * sites print), and says which blocks were metadata so the cleaner can drop them.
 */
final class MetadataExtractor {

    /** Result: the metadata and the indexes of the blocks that carried it. */
    record Result(Metadata metadata, Set<Integer> metadataBlocks) {
    }

    /** How far from the top a header line (title, date) may stand. */
    private static final int HEADER_BLOCKS = 8;

    /** "Devdiscourse News Desk | Updated: 04-04-2025 16:01 IST | Created: ..." */
    private static final Pattern BYLINE = Pattern.compile(
            "(?i)^(?:by\\s+)?([^|]{2,80}?)\\s*\\|\\s*(?:updated|created|published|posted|last updated)\\b.*");
    private static final Pattern DATELINE = Pattern.compile(
            "(?i)^(?:date|published|publication date|posted|created|updated|last updated)\\s*(?:on)?\\s*[:\\-]?\\s+.*\\d{4}.*");
    private static final Pattern SOURCE_LINE = Pattern.compile(
            "(?i)^(?:original source|source|publisher|published by)\\s*:\\s*(\\S.{0,120}?)\\.?$");
    private static final Pattern URL_LINE = Pattern.compile(
            "(?i)^(?:url|link|canonical|source url|original url)?\\s*:?\\s*(https?://\\S+)$");

    private MetadataExtractor() {
    }

    /** Whether a line is a header line of its own (a byline, date, source or URL line), never part of a paragraph. */
    static boolean isHeaderLine(String line) {
        return BYLINE.matcher(line).matches() || DATELINE.matcher(line).matches() || SOURCE_LINE.matcher(line).matches()
                || URL_LINE.matcher(line).matches();
    }

    static Result extract(List<Block> blocks) {
        Set<Integer> used = new TreeSet<>();
        String source = null;
        String url = null;
        LocalDate date = null;
        LocalDate headerDate = null;
        for (int i = 0; i < blocks.size(); i++) {
            String text = blocks.get(i).text().strip();
            Matcher m;
            if ((m = BYLINE.matcher(text)).matches()) {
                source = source == null ? m.group(1).strip() : source;
                date = date == null ? Dates.find(bylineDatePart(text)).orElse(null) : date;
                used.add(i);
            } else if (DATELINE.matcher(text).matches() && text.length() < 120) {
                date = date == null ? Dates.find(text).orElse(null) : date;
                used.add(i);
            } else if ((m = SOURCE_LINE.matcher(text)).matches()) {
                source = source == null ? m.group(1).strip() : source;
                used.add(i);
            } else if ((m = URL_LINE.matcher(text)).matches()) {
                url = url == null ? m.group(1) : url;
                used.add(i);
            } else if (i < HEADER_BLOCKS && text.length() < 60 && headerDate == null) {
                Optional<LocalDate> found = Dates.find(text);
                if (found.isPresent()) {
                    headerDate = found.get();
                    used.add(i);
                }
            }
        }
        String title = findTitle(blocks, used);
        return new Result(new Metadata(title, date != null ? date : headerDate, source, url), used);
    }

    /** The "Created:" date of a byline beats its "Updated:" date. */
    private static String bylineDatePart(String byline) {
        Matcher created = Pattern.compile("(?i)(created|published|posted)\\s*:?\\s*([^|]+)").matcher(byline);
        return created.find() ? created.group(2) : byline;
    }

    /**
     * A headline is a short line near the top that is not a sentence of the body: preferably one the page
     * repeats (sites print the headline above and below the standfirst), else the first that ends without
     * a full stop and is not a heading-sized menu label.
     */
    private static String findTitle(List<Block> blocks, Set<Integer> metadataBlocks) {
        String firstCandidate = null;
        for (int i = 0; i < Math.min(HEADER_BLOCKS, blocks.size()); i++) {
            if (metadataBlocks.contains(i)) {
                continue;
            }
            String text = blocks.get(i).text().strip();
            boolean candidate = text.length() >= 15 && text.length() <= 200 && !text.matches(".*[.!?:]$")
                    && Cleaner.classify(blocks.get(i)) != Cleaner.Kind.BAD && text.split("\\s+").length >= 3;
            if (!candidate) {
                continue;
            }
            for (int j = i + 1; j < blocks.size(); j++) {
                if (blocks.get(j).text().strip().equals(text)) {
                    return text;
                }
            }
            if (firstCandidate == null && (blocks.get(i).heading() || i + 1 < blocks.size())) {
                firstCandidate = text;
            }
        }
        return firstCandidate;
    }
}
