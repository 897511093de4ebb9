package io.citebot.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an HTML page into blocks (with link density) and reads its metadata from the head: Open Graph,
 * article meta tags, JSON-LD, canonical link, {@code <time>}.
 */
final class HtmlBlocks {

    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "header",
            "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
            "blockquote", "pre", "figure", "figcaption", "table", "tr", "td", "th", "br", "hr", "address", "body");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    /** Never content: scripts, forms, and the landmark elements of site chrome. */
    private static final String CHROME = "script, style, noscript, template, svg, iframe, form, button, select, input,"
            + " nav, aside, footer, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [hidden]";
    /** class/id words that mark site chrome. Whole words only: "ad" must not match "header". */
    private static final Pattern CHROME_NAME = Pattern.compile(
            "(?i)(?:^|[\\s_-])(nav|navbar|menu|sidebar|footer|share|sharing|social|newsletter|subscribe|related|trending"
                    + "|popular|promo|advert|ad|ads|sponsor|cookie|breadcrumbs?|comments?|outbrain|taboola|widget|teaser)(?:$|[\\s_-])");
    private static final Pattern JSON_LD_DATE = Pattern.compile("\"datePublished\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern JSON_LD_PUBLISHER = Pattern.compile(
            "\"publisher\"\\s*:\\s*\\{[^}]*?\"name\"\\s*:\\s*\"([^\"]+)\"");

    private HtmlBlocks() {
    }

    /** Metadata from the page's head and markup. */
    static Metadata metadata(Document doc) {
        String jsonLd = doc.select("script[type=application/ld+json]").html();
        String title = first(meta(doc, "og:title"), text(doc.selectFirst("h1")), stripSiteSuffix(doc.title()));
        String dateValue = first(meta(doc, "article:published_time"), meta(doc, "date"), meta(doc, "pubdate"),
                meta(doc, "publish-date"), meta(doc, "dc.date"), attr(doc.selectFirst("[itemprop=datePublished]"), "content"),
                attr(doc.selectFirst("time[datetime]"), "datetime"), group(JSON_LD_DATE, jsonLd));
        String source = first(meta(doc, "og:site_name"), meta(doc, "publisher"), group(JSON_LD_PUBLISHER, jsonLd));
        String url = first(attr(doc.selectFirst("link[rel=canonical]"), "href"), meta(doc, "og:url"));
        return new Metadata(title, Dates.parseIso(dateValue).orElse(null), source, url);
    }

    /** The text blocks of an element, as it is (for content a readability pass already chose). */
    static List<Block> blocksOf(Element root) {
        Collector collector = new Collector();
        NodeTraversor.traverse(collector, root);
        collector.flush();
        return collector.blocks;
    }

    /** The page's text blocks, chrome removed. */
    static List<Block> blocks(Document doc) {
        Element body = doc.body().clone();
        body.select(CHROME).remove();
        for (Element e : body.select("[class], [id]")) {
            if (e.parent() != null && CHROME_NAME.matcher(e.className() + " " + e.id()).find()
                    && !e.tagName().equals("article") && !e.tagName().equals("main")) {
                e.remove();
            }
        }
        Collector collector = new Collector();
        NodeTraversor.traverse(collector, body);
        collector.flush();
        return collector.blocks;
    }

    /** Accumulates text until a block element starts or ends. */
    private static final class Collector implements NodeVisitor {
        final List<Block> blocks = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private int linkChars;
        private boolean heading;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
                String s = t.text();
                text.append(s);
                if (insideLink(t)) {
                    linkChars += s.strip().length();
                }
            } else if (node instanceof Element e && BLOCK_TAGS.contains(e.normalName())) {
                flush();
                heading = HEADINGS.contains(e.normalName());
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e && BLOCK_TAGS.contains(e.normalName())) {
                flush();
            }
        }

        void flush() {
            String s = text.toString().replaceAll("\\s+", " ").strip();
            if (!s.isEmpty()) {
                double density = Math.min(1.0, (double) linkChars / s.length());
                blocks.add(new Block(s, density, heading));
            }
            text.setLength(0);
            linkChars = 0;
            heading = false;
        }

        private static boolean insideLink(TextNode t) {
            for (Node p = t.parent(); p instanceof Element e; p = e.parent()) {
                if (e.normalName().equals("a")) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String stripSiteSuffix(String title) {
        return title == null ? null : title.replaceFirst("\\s+[|–—-]\\s+[^|–—-]{2,40}$", "").strip();
    }

    private static String meta(Document doc, String name) {
        Element e = doc.selectFirst("meta[property=" + name + "], meta[name=" + name + "]");
        if (e == null) {
            e = doc.selectFirst("meta[name=" + name.toLowerCase(Locale.ROOT) + "]");
        }
        return attr(e, "content");
    }

    private static String attr(Element e, String name) {
        return e == null ? null : e.attr(name);
    }

    private static String text(Element e) {
        return e == null ? null : e.text();
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
