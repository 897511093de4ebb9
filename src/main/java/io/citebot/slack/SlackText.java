package io.citebot.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slack's message text ("mrkdwn") in and out: questions read from messages, answers written into them. */
final class SlackText {

    private static final Pattern USER = Pattern.compile("<@([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern CHANNEL = Pattern.compile("<#[A-Z0-9]+(?:\\|([^>]*))?>");
    private static final Pattern SPECIAL = Pattern.compile("<!(?:subteam\\^[A-Z0-9]+|[a-z]+)(?:\\|([^>]*))?>");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]*)(?:\\|([^>]*))?>");

    private SlackText() {
    }

    /**
     * The question in a message: the bot's own mention removed, other mentions, channels and links as the reader
     * saw them ("@U123", "#general", the link's label or address), and Slack's three escapes undone.
     */
    static String question(String text, String botUserId) {
        if (text == null) {
            return "";
        }
        String t = USER.matcher(text).replaceAll(m -> m.group(1).equals(botUserId) ? " "
                : Matcher.quoteReplacement("@" + (m.group(2) != null ? m.group(2) : m.group(1))));
        t = CHANNEL.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1) != null ? "#" + m.group(1) : ""));
        t = SPECIAL.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1) != null ? m.group(1) : ""));
        t = LINK.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(2) != null ? m.group(2) : m.group(1)));
        t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return t.replaceAll("\\s+", " ").replaceAll(" ([?.!,;:])", "$1").strip();
    }

    /** Text shown as it is: Slack's control characters {@code & < >} escaped, so no markup or mention comes from articles. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * A link {@code <url|label>} when the URL is http(s) and safe inside Slack's angle brackets; the escaped label
     * alone otherwise.
     */
    static String link(String url, String label) {
        String shown = escape(label);
        if (url == null || !url.matches("(?i)https?://[^\\s]+")) {
            return shown;
        }
        String safe = url.replace("&", "&amp;").replace("|", "%7C").replace("<", "%3C").replace(">", "%3E");
        return "<" + safe + "|" + shown + ">";
    }
}
