package io.citebot.answer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text quoted from articles, made inert for every door: raw HTML tags and comments are dropped, a markdown link or
 * image whose target is not http(s) keeps only its label, and no {@code <!…>}, {@code <@…>} or {@code <#…>}
 * (Slack's mentions and broadcasts) is left, even one a citation marker split. What remains is plain text (with
 * at most http(s) markdown links), which each door still escapes for its own format.
 */
public final class InertText {

    private static final Pattern COMMENT = Pattern.compile("<!--.*?(-->|$)", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][^<>]*>|<![A-Za-z\\[][^<>]*>|<\\?[^<>]*>");
    private static final Pattern LINK = Pattern.compile(
            "(!?)\\[([^\\]\\n]*)]\\(\\s*<?((?:[^()\\s<>]|\\([^()\\s]*\\))*)>?(?:\\s+[\"'][^\"']*[\"'])?\\s*\\)");
    private static final Pattern SAFE_TARGET = Pattern.compile("(?i)(https?://|/|#)\\S*");
    private static final Pattern MENTION = Pattern.compile("<([@#])([A-Za-z0-9_.-]+)(?:\\|[^<>]*)?>");
    private static final Pattern CONTROL = Pattern.compile("<(?=\\s*(?:\\[\\d+]\\s*)?[!@#])");
    private static final Pattern SCHEME_AUTOLINK = Pattern.compile("(?i)<\\s*(javascript|vbscript|data|file):[^>]*>");

    private InertText() {
    }

    /** {@code text} without active markup; null stays null. */
    public static String of(String text) {
        if (text == null || (text.indexOf('<') < 0 && text.indexOf("](") < 0)) {
            return text;
        }
        String t = COMMENT.matcher(text).replaceAll("");
        t = MENTION.matcher(t).replaceAll("$1$2");
        t = SCHEME_AUTOLINK.matcher(t).replaceAll("");
        t = TAG.matcher(t).replaceAll("");
        t = LINK.matcher(t).replaceAll(m -> SAFE_TARGET.matcher(m.group(3)).matches()
                ? Matcher.quoteReplacement(m.group()) : Matcher.quoteReplacement(m.group(2)));
        t = CONTROL.matcher(t).replaceAll("");
        return t.equals(text) ? text : t.replaceAll(" {2,}", " ");
    }

    /** An http(s) URL as it is; anything else (javascript:, data:, a relative path) as null. */
    public static String url(String url) {
        return url != null && url.matches("(?i)https?://\\S+") ? url : null;
    }
}
