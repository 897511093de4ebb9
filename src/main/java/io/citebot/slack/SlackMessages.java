package io.citebot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.api.ArticleLinks;
import io.citebot.chat.ChatReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer as Slack messages: the answer's text with its {@code [n]} markers, a sources block (title linked to
 * its URL, source, date), 👍/👎 buttons and a link that continues the conversation on the web chat page. Within
 * Slack's limits: a section holds at most {@value #SECTION_CHARS} characters and a message {@value #MAX_BLOCKS}
 * blocks; a longer answer becomes several messages, the buttons on the last.
 */
final class SlackMessages {

    static final int SECTION_CHARS = 3000;
    static final int MAX_BLOCKS = 50;
    static final String VOTE_UP = "citebot_vote_up";
    static final String VOTE_DOWN = "citebot_vote_down";
    /** The notification text (shown where blocks are not) is cut to this length. */
    private static final int FALLBACK_CHARS = 300;

    /** One message: its fallback text and its blocks. */
    record Message(String text, List<LayoutBlock> blocks) {
    }

    private SlackMessages() {
    }

    /**
     * @param webLink the chat page continuing this conversation, or null for none
     * @param asked   a line naming the question and who asked it (for answers shown to a whole channel), or null
     * @param links   where each source leads (its URL, or citebot's view of the article)
     */
    static List<Message> answer(ChatReply reply, String webLink, String asked, ArticleLinks links) {
        Answer a = reply.answer();
        List<LayoutBlock> blocks = new ArrayList<>();
        if (asked != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(asked)))));
        }
        if (a.shortAnswer() != null) {
            // the asked fact first, in bold, with the citations that state it
            blocks.add(section(s -> s.text(markdownText("*" + SlackText.escape(a.shortAnswer().text()) + "* "
                    + a.shortAnswer().withMarkers().substring(a.shortAnswer().text().length() + 1)))));
        }
        for (String part : split(SlackText.escape(a.text()))) {
            blocks.add(section(s -> s.text(markdownText(part))));
        }
        if (a.fallback() != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText("_Answered without the language model ("
                    + SlackText.escape(a.fallback()) + ")._")))));
        }
        List<Citation> sources = a.refused() ? a.related() : a.citations();
        if (!sources.isEmpty()) {
            StringBuilder list = new StringBuilder(a.refused() ? "*Closest articles*" : "*Sources*");
            for (List<Citation> sameArticle : byArticle(sources)) {
                list.append('\n').append(sourceLine(sameArticle, links));
            }
            for (String part : split(list.toString())) {
                blocks.add(section(s -> s.text(markdownText(part))));
            }
        }
        List<LayoutBlock> tail = new ArrayList<>();
        String value = reply.conversationId() + " " + reply.turn();
        tail.add(actions(b -> b.blockId("citebot_feedback").elements(List.of(
                ButtonElement.builder().actionId(VOTE_UP).text(plainText("👍 Helpful", true)).value(value).build(),
                ButtonElement.builder().actionId(VOTE_DOWN).text(plainText("👎 Not helpful", true)).value(value).build()))));
        if (webLink != null) {
            tail.add(context(c -> c.elements(List.of(markdownText(SlackText.link(webLink, "Continue this conversation on the web"))))));
        }
        return paginate(blocks, tail, fallback(a.text()));
    }

    /** A plain notice (help, errors, "busy"): one section. */
    static Message notice(String text) {
        String escaped = SlackText.escape(text);
        return new Message(fallback(text), List.of(section(s -> s.text(markdownText(escaped)))));
    }

    /** Citations grouped by article, in order of first citation: passages of one article share a line. */
    static List<List<Citation>> byArticle(List<Citation> citations) {
        Map<String, List<Citation>> groups = new LinkedHashMap<>();
        for (Citation c : citations) {
            groups.computeIfAbsent(c.articleId(), k -> new ArrayList<>()).add(c);
        }
        return List.copyOf(groups.values());
    }

    /** "[1] [3] <url|Title> · source · 2025-06-01": the citations of one article. */
    static String sourceLine(List<Citation> sameArticle, ArticleLinks links) {
        Citation c = sameArticle.getFirst();
        String title = c.title() == null || c.title().isBlank() ? c.articleId() : c.title();
        StringBuilder line = new StringBuilder();
        for (Citation each : sameArticle) {
            line.append('[').append(each.n()).append("] ");
        }
        line.append(SlackText.link(links.of(c), title));
        if (c.source() != null && !c.source().isBlank()) {
            line.append(" · ").append(SlackText.escape(c.source()));
        }
        if (c.date() != null) {
            line.append(" · ").append(c.date());
        }
        List<String> copies = sameArticle.stream().flatMap(each -> each.alsoReportedBy().stream())
                .map(a -> a.source() != null && !a.source().isBlank() ? a.source() : a.title()).distinct().toList();
        if (!copies.isEmpty()) {
            line.append(" · also reported by ").append(SlackText.escape(String.join(", ", copies)));
        }
        return line.toString();
    }

    /**
     * Text cut into parts of at most {@value #SECTION_CHARS} characters, at a line break or a space where there
     * is one, and never inside an escape such as {@code &amp;} or a {@code <link|label>}.
     */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > SECTION_CHARS) {
            int cut = rest.lastIndexOf('\n', SECTION_CHARS);
            if (cut < SECTION_CHARS / 2) {
                cut = rest.lastIndexOf(' ', SECTION_CHARS);
            }
            if (cut < SECTION_CHARS / 2) {
                cut = SECTION_CHARS;
            }
            int amp = rest.lastIndexOf('&', cut - 1);
            if (amp >= 0 && amp > cut - 5 && rest.indexOf(';', amp) >= cut) {
                cut = amp;
            }
            int open = rest.lastIndexOf('<', cut - 1);
            if (open > 0 && rest.lastIndexOf('>', cut - 1) < open) {
                cut = open;
            }
            if (Character.isLowSurrogate(rest.charAt(cut))) {
                cut--;
            }
            parts.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isBlank()) {
            parts.add(rest);
        }
        return parts;
    }

    private static List<Message> paginate(List<LayoutBlock> blocks, List<LayoutBlock> tail, String fallback) {
        List<Message> messages = new ArrayList<>();
        List<LayoutBlock> current = new ArrayList<>();
        for (LayoutBlock b : blocks) {
            if (current.size() == MAX_BLOCKS) {
                messages.add(new Message(messages.isEmpty() ? fallback : "(continued)", current));
                current = new ArrayList<>();
            }
            current.add(b);
        }
        if (current.size() + tail.size() > MAX_BLOCKS) {
            messages.add(new Message(messages.isEmpty() ? fallback : "(continued)", current));
            current = new ArrayList<>();
        }
        current.addAll(tail);
        messages.add(new Message(messages.isEmpty() ? fallback : "(continued)", current));
        return messages;
    }

    private static String fallback(String text) {
        String escaped = SlackText.escape(text);
        if (escaped.length() <= FALLBACK_CHARS) {
            return escaped;
        }
        int cut = escaped.lastIndexOf(' ', FALLBACK_CHARS);
        String head = escaped.substring(0, cut > FALLBACK_CHARS / 2 ? cut : FALLBACK_CHARS);
        int amp = head.lastIndexOf('&');
        if (amp >= 0 && head.indexOf(';', amp) < 0) {
            head = head.substring(0, amp);
        }
        return head + "…";
    }
}
