package io.citebot.web;

import io.citebot.chat.ChatService;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.nodes.Entities;

/**
 * {@code GET /articles/{id}}: an article as citebot holds it, one paragraph per passage ({@code id="p3"}), the
 * passage a link points at ({@code #p3}) highlighted. This is where citations of articles without a URL of their
 * own lead. With API keys configured, a link must carry the signature citebot put in it ({@code ?sig=}), since a
 * browser following a link sends no key; without keys the page is as open as {@code /api/articles}.
 */
final class ArticlePage {

    private final ChatService chat;
    private final SecretKeySpec key;

    /** @param apiKeys the configured keys (the signing secret is derived from them), or null when there are none */
    ArticlePage(ChatService chat, Set<String> apiKeys) {
        this.chat = chat;
        this.key = apiKeys == null ? null
                : new SecretKeySpec(("citebot article links\n" + String.join("\n", new TreeSet<>(apiKeys))).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The {@code sig} a link to this article needs, or null when links need none. */
    String signature(String articleId) {
        if (key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(articleId.getBytes(StandardCharsets.UTF_8))).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    void show(Context ctx) {
        String id = ctx.pathParam("id");
        String expected = signature(id);
        String sig = ctx.queryParam("sig");
        if (expected != null && (sig == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sig.getBytes(StandardCharsets.UTF_8)))) {
            throw new HttpResponseException(403, "this link needs the signature citebot gave it (sig=...)");
        }
        var view = chat.article(id).orElseThrow(() -> new HttpResponseException(404, "no article " + id));
        var a = view.article();
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>");
        String title = a.title() == null || a.title().isBlank() ? a.id() : a.title();
        html.append(Entities.escape(title)).append(" · citebot</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body><header><h1>")
                .append(Entities.escape(title)).append("</h1><p class=\"meta\">");
        StringBuilder meta = new StringBuilder();
        if (a.source() != null && !a.source().isBlank()) {
            meta.append(Entities.escape(a.source()));
        }
        if (a.date() != null) {
            meta.append(meta.isEmpty() ? "" : " · ").append(a.date());
        }
        if (a.url() != null && a.url().matches("(?i)https?://\\S+")) {
            meta.append(meta.isEmpty() ? "" : " · ").append("<a href=\"").append(Entities.escape(a.url()))
                    .append("\" rel=\"noopener noreferrer\">original article</a>");
        }
        html.append(meta).append("</p></header>\n<main class=\"article\">\n");
        for (var hit : view.passages()) {
            html.append("<p id=\"p").append(hit.passage().ordinal()).append("\">").append(Entities.escape(hit.passage().text())).append("</p>\n");
        }
        html.append("</main></body></html>\n");
        ctx.contentType("text/html; charset=utf-8").result(html.toString());
    }
}
