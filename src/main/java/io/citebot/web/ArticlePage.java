package io.citebot.web;

import io.citebot.api.ArticleLinks;
import io.citebot.chat.ChatService;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.jsoup.nodes.Entities;

/**
 * {@code GET /articles/{id}}: an article as citebot holds it, one paragraph per passage ({@code id="p3"}), the
 * passage a link points at ({@code #p3}) highlighted. This is where citations of articles without a URL of their
 * own lead. With API keys configured, a link must carry the signature citebot put in it ({@code ?sig=}), since a
 * browser following a link sends no key; without keys the page is as open as {@code /api/articles}.
 */
final class ArticlePage {

    private final ChatService chat;
    private final ArticleLinks links;

    ArticlePage(ChatService chat, ArticleLinks links) {
        this.chat = chat;
        this.links = links;
    }

    void show(Context ctx) {
        String id = ctx.pathParam("id");
        if (!links.verifies(id, ctx.queryParam("sig"))) {
            throw new HttpResponseException(403, "this link needs the signature citebot gave it (sig=...)");
        }
        var view = chat.catalog().article(id).orElseThrow(() -> new HttpResponseException(404, "no article " + id));
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
