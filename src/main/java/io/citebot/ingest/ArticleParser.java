package io.citebot.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;

/**
 * Reads article files: {@code .txt}, {@code .md}, {@code .html}/{@code .htm} (one article each) and {@code .jsonl}
 * (one article a line: {@code id}, {@code title}, {@code text}, optional {@code date}, {@code source}, {@code url}).
 */
public final class ArticleParser {

    public static final Set<String> EXTENSIONS = Set.of("txt", "md", "markdown", "html", "htm", "jsonl");
    /** The kinds of file read, as said to a person. */
    public static final String KINDS = ".txt, .md, .html and .jsonl files";

    /** A line of a jsonl file that could not be read, with the reason. */
    public record Problem(String file, int line, String reason) {
    }

    /** The articles of one file, and the lines that were skipped. */
    public record Parsed(List<Article> articles, List<Problem> problems) {
    }

    private final ObjectMapper json = new ObjectMapper();

    public static boolean supports(Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    /**
     * Parses one file's content.
     *
     * @param relativePath the file's path relative to the folder being ingested, with '/' separators; the
     *                     article id of a one-article file is this path without its extension
     */
    public Parsed parse(String relativePath, byte[] content) {
        String text = decode(content);
        String ext = extension(Path.of(relativePath));
        String id = stripExtension(relativePath);
        return switch (ext) {
            case "txt" -> one(fromBlocks(id, TextBlocks.plain(text), Metadata.EMPTY));
            case "md", "markdown" -> parseMarkdown(id, text);
            case "html", "htm" -> parseHtml(id, text);
            case "jsonl" -> parseJsonl(relativePath, text);
            default -> throw new IllegalArgumentException("unsupported file type: " + relativePath
                    + " (supported: " + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ")");
        };
    }

    private Parsed parseMarkdown(String id, String text) {
        Metadata front = Metadata.EMPTY;
        if (text.startsWith("---\n") || text.startsWith("---\r\n")) {
            int end = text.indexOf("\n---", 3);
            if (end > 0) {
                front = FrontMatter.parse(text.substring(4, end));
                text = text.substring(Math.min(text.length(), text.indexOf('\n', end + 1) + 1));
            }
        }
        List<Block> blocks = TextBlocks.markdown(text);
        String heading = blocks.stream().filter(Block::heading).map(Block::text).findFirst().orElse(null);
        return one(fromBlocks(id, blocks, front.orElse(new Metadata(heading, null, null, null))));
    }

    private Parsed parseHtml(String id, String html) {
        // Readability changes the document it reads, so the whole-page fallback parses the page again
        HtmlExtractor.Extracted page = HtmlExtractor.extract(Jsoup.parse(html));
        Metadata m = page.metadata();
        return one(page.paragraphs()
                .map(paragraphs -> new Article(id, m.title(), String.join("\n\n", paragraphs), m.date(), m.source(), m.url()))
                .orElseGet(() -> fromBlocks(id, HtmlBlocks.blocks(Jsoup.parse(html)), m)));
    }

    private Parsed parseJsonl(String file, String text) {
        List<Article> articles = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = json.readTree(line);
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                String id = requiredText(node, "id");
                String body = requiredText(node, "text");
                String date = optionalText(node, "date");
                List<String> paragraphs = Cleaner.clean(TextBlocks.plain(body));
                articles.add(new Article(id, optionalText(node, "title"), String.join("\n\n", paragraphs),
                        date == null ? null : Dates.parseIso(date).orElseThrow(
                                () -> new IllegalArgumentException("date is not YYYY-MM-DD: " + date)),
                        optionalText(node, "source"), optionalText(node, "url")));
            } catch (JsonProcessingException e) {
                problems.add(new Problem(file, lineNo, "malformed JSON: " + e.getOriginalMessage()));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(file, lineNo, e.getMessage()));
            }
        }
        return new Parsed(articles, problems);
    }

    /**
     * An article given field by field (the HTTP write API, a feed's own content): the text is cleaned as a
     * jsonl line's is.
     */
    public static Article fromFields(String id, String title, String text, LocalDate date, String source, String url) {
        return readFields(id, title, text, date, source, url).article();
    }

    /**
     * An article given field by field, and what cleaning cut from its text (boilerplate paragraphs, a boilerplate
     * sentence at a paragraph's end), in order: a caller that sent the text can be told.
     */
    public record Read(Article article, List<String> cut) {
    }

    /** As {@link #fromFields}, saying what was cut. */
    public static Read readFields(String id, String title, String text, LocalDate date, String source, String url) {
        List<Block> blocks = TextBlocks.plain(text);
        List<String> kept = Cleaner.clean(blocks);
        Set<String> whole = new HashSet<>(kept);
        List<String> cut = new ArrayList<>();
        for (Block b : blocks) {
            String t = b.text().strip();
            if (t.isEmpty() || whole.contains(t)) {
                continue;
            }
            // a kept paragraph that lost its last sentences, or a paragraph dropped whole
            cut.add(kept.stream().filter(k -> t.startsWith(k) && k.length() < t.length()).findFirst()
                    .map(k -> t.substring(k.length()).strip()).orElse(t));
        }
        return new Read(new Article(id, title, String.join("\n\n", kept), date, source, url), List.copyOf(cut));
    }

    /** What a web page holds: its metadata, and its article text (empty when none was found). */
    public record Page(String title, LocalDate date, String source, String url, String text) {
    }

    /** The article in a fetched web page, read as {@code .html} files are: Readability, then our trimming. */
    public static Page readPage(String html, String pageUrl) {
        HtmlExtractor.Extracted page = HtmlExtractor.extract(Jsoup.parse(html, pageUrl));
        Metadata m = page.metadata();
        String text = page.paragraphs().map(p -> String.join("\n\n", p))
                .orElseGet(() -> String.join("\n\n", Cleaner.clean(HtmlBlocks.blocks(Jsoup.parse(html, pageUrl)))));
        return new Page(m.title(), m.date(), m.source(), m.url(), text);
    }

    /** Text from a fragment of HTML (a feed item's content or description), cleaned as an article's body. */
    public static String htmlText(String html) {
        return String.join("\n\n", Cleaner.clean(HtmlBlocks.blocks(Jsoup.parseBodyFragment(html))));
    }

    private static Article fromBlocks(String id, List<Block> blocks, Metadata given) {
        MetadataExtractor.Result found = MetadataExtractor.extract(blocks);
        List<Block> body = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (!found.metadataBlocks().contains(i)) {
                body.add(blocks.get(i));
            }
        }
        Metadata meta = given.orElse(found.metadata());
        return new Article(id, meta.title(), String.join("\n\n", Cleaner.clean(body)), meta.date(), meta.source(), meta.url());
    }

    private static Parsed one(Article article) {
        return new Parsed(List.of(article), List.of());
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field \"" + field + "\"");
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string");
        }
        if (v.asText().isBlank()) {
            throw new IllegalArgumentException("field \"" + field + "\" is empty");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string");
        }
        return v.asText();
    }

    /** UTF-8, with a byte-order mark dropped; bytes that are not UTF-8 are read as Windows-1252 (old scrapes). */
    static String decode(byte[] content) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            s = new String(content, Charset.forName("windows-1252"));
        }
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stripExtension(String path) {
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }

    /** The simple key: value lines of a Markdown front matter block. */
    private static final class FrontMatter {
        static Metadata parse(String yaml) {
            String title = null;
            String date = null;
            String source = null;
            String url = null;
            for (String line : yaml.split("\n")) {
                int colon = line.indexOf(':');
                if (colon < 1) {
                    continue;
                }
                String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip().replaceAll("^[\"']|[\"']$", "");
                switch (key) {
                    case "title" -> title = value;
                    case "date", "published" -> date = value;
                    case "source", "publisher" -> source = value;
                    case "url", "link", "canonical" -> url = value;
                    default -> { }
                }
            }
            return new Metadata(title, Dates.parseIso(date).orElse(null), source, url);
        }
    }
}
