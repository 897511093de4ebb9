package io.citebot.openai;

import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.api.ArticleLinks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An {@link Answer} in OpenAI's shapes: the content with its {@code [n]} markers (and, unless turned off, a short
 * "Sources:" list after it, for chat front ends that ignore annotations), a {@code url_citation} annotation
 * spanning each marker, and the citations as {@code /api/chat} gives them.
 */
final class Completions {

    /** Where the appended sources list starts; also how an earlier answer sent back as history is recognised. */
    static final String SOURCES_HEADING = "\n\nSources:\n";
    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");

    private final boolean sourcesList;

    /**
     * @param links       where each citation leads (its URL, or this server's article view)
     * @param sourcesList append a "Sources:" list to the content
     */
    Completions(ArticleLinks links, boolean sourcesList) {
        this.sourcesList = sourcesList;
        this.links = links;
    }

    private final ArticleLinks links;

    /** An answer's content and annotations; {@code sources} are what its markers point at. */
    record Rendered(String content, List<Map<String, Object>> annotations, List<Citation> sources) {
    }

    Rendered render(Answer a) {
        List<Citation> sources = a.refused() ? a.related() : a.citations();
        Map<Integer, Citation> byN = new LinkedHashMap<>();
        sources.forEach(c -> byN.put(c.n(), c));
        // the asked fact first, in bold, with the markers of the sentences that state it
        String content = a.shortAnswer() == null ? a.text()
                : "**" + markdown(a.shortAnswer().text()) + "** " + a.shortAnswer().withMarkers().substring(a.shortAnswer().text().length() + 1)
                        + "\n\n" + a.text();
        List<Map<String, Object>> annotations = new ArrayList<>();
        Matcher m = MARKER.matcher(content);
        while (m.find()) {
            Citation c = byN.get(Integer.parseInt(m.group(1)));
            if (c != null) {
                annotations.add(annotation(c, m.start(), m.end()));
            }
        }
        if (sourcesList && !sources.isEmpty()) {
            StringBuilder list = new StringBuilder(content).append(SOURCES_HEADING);
            for (Citation c : sources) {
                list.append('[').append(c.n()).append("] ").append(markdown(title(c)));
                String meta = String.join(", ", Stream.of(c.source(), c.date() == null ? null : c.date().toString())
                        .filter(s -> s != null && !s.isBlank()).toList());
                if (!meta.isEmpty()) {
                    list.append(" (").append(meta).append(')');
                }
                list.append(": ").append(link(c));
                List<String> copies = c.alsoReportedBy().stream()
                        .map(r -> r.source() != null && !r.source().isBlank() ? r.source() : r.title()).distinct().toList();
                if (!copies.isEmpty()) {
                    list.append("; also reported by ").append(markdown(String.join(", ", copies)));
                }
                list.append('\n');
            }
            content = list.toString().stripTrailing();
        }
        return new Rendered(content, annotations, sources);
    }

    private Map<String, Object> annotation(Citation c, int start, int end) {
        Map<String, Object> citation = new LinkedHashMap<>();
        citation.put("url", link(c));
        citation.put("title", title(c));
        citation.put("start_index", start);
        citation.put("end_index", end);
        return Map.of("type", "url_citation", "url_citation", citation);
    }

    /** The article's own http(s) URL, else this server's view of the article at the cited passage. */
    String link(Citation c) {
        return links.of(c);
    }

    /** Text that markdown shows as it is: its punctuation escaped, so a title cannot open a link or a tag. */
    static String markdown(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]()<>#!|{}~])", "\\\\$1");
    }

    private static String title(Citation c) {
        return c.title() == null || c.title().isBlank() ? c.articleId() : c.title();
    }

    /** An assistant message sent back as history, without the sources list this server appended to it. */
    static String withoutSources(String content) {
        int at = content.indexOf(SOURCES_HEADING);
        return at < 0 ? content : content.substring(0, at);
    }

    /** OpenAI's {@code usage}, estimated at four characters a token (no model's tokenizer runs in extractive mode). */
    static Map<String, Object> usage(int promptChars, String content) {
        int prompt = (promptChars + 3) / 4;
        int completion = (content.length() + 3) / 4;
        return Map.of("prompt_tokens", prompt, "completion_tokens", completion, "total_tokens", prompt + completion);
    }
}
