package io.citebot.ingest;

import java.util.List;
import java.util.Optional;
import net.dankito.readability4j.Readability4J;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads the article from an HTML page: Readability4J (a port of Mozilla's Readability.js, what Firefox's
 * reader view uses) chooses the element that holds the article, then {@link ArticleTrimmer} takes out what
 * news sites put inside it (captions, kickers, datelines, "Related:" lines, teaser lists). Where Readability
 * finds nothing, {@link ArticleParser} reads the whole page with the block cleaner instead.
 */
final class HtmlExtractor {

    /** Captions and credits sit inside the article element but are not its text. */
    private static final String INSIDE_CHROME = "figcaption, [class*=caption], [class*=Caption], [class*=credit],"
            + " [class*=byline], [class*=share], [class*=newsletter], [class*=related], [class*=promo],"
            + " [class*=advert], [class*=subscribe], [hidden], [aria-hidden=true], script, style, noscript, button, form";
    /** Readability's own output this short means it missed the article (its own retry threshold is 500). */
    private static final int MIN_ARTICLE_CHARS = 250;
    /** Readability needs an absolute address to resolve links against; pages without one get this. */
    private static final String FALLBACK_URI = "http://localhost/";

    private HtmlExtractor() {
    }

    /**
     * The page's metadata and the article's paragraphs; no paragraphs when Readability found no article, so the
     * caller reads the whole page with the block cleaner instead.
     */
    record Extracted(Metadata metadata, Optional<List<String>> paragraphs) {
    }

    static Extracted extract(Document doc) {
        Metadata meta = HtmlBlocks.metadata(doc);
        String uri = meta.url() != null && meta.url().matches("(?i)https?://\\S+") ? meta.url() : FALLBACK_URI;
        Element content = readability(uri, doc);
        if (content != null) {
            content.select(INSIDE_CHROME).remove();
            List<Block> blocks = ArticleTrimmer.trim(HtmlBlocks.blocksOf(content), meta.title());
            if (blocks.stream().mapToInt(b -> b.text().length()).sum() >= MIN_ARTICLE_CHARS) {
                return new Extracted(meta, Optional.of(blocks.stream().map(Block::text).toList()));
            }
        }
        return new Extracted(meta, Optional.empty());
    }

    private static Element readability(String uri, Document doc) {
        try {
            return new Readability4J(uri, doc).parse().getArticleContent();
        } catch (RuntimeException e) {
            // a page that trips the library is read by the whole-page cleaner instead
            return null;
        }
    }
}
