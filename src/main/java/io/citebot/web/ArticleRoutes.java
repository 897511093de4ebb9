package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.chat.ArticleService;
import io.citebot.chat.ChatService;
import io.citebot.chat.InvalidInputException;
import io.citebot.http.DoorRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import static io.citebot.http.DoorRoutes.optionalString;

/**
 * The write API: {@code POST /api/articles}, {@code PUT}, {@code DELETE} and {@code GET /api/articles/{id}}. Writes
 * need an API key (they are off without keys configured); the checks and the writing are {@link ArticleService}'s.
 */
final class ArticleRoutes {

    /** Requests may carry up to {@value ArticleService#MAX_BATCH} whole articles. */
    static final long MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private final ChatService chat;
    private final ArticleService service;
    private final DoorRoutes routes;

    /** @param service the write API's service, or null when this server does not write */
    ArticleRoutes(ChatService chat, ArticleService service, DoorRoutes routes) {
        this.chat = chat;
        this.service = service;
        this.routes = routes;
    }

    /**
     * The write routes need an admin key: off (403) without keys configured; the server checked the
     * key, this its role.
     */
    private ArticleService writer(Context ctx) {
        if (service == null) {
            throw new HttpResponseException(403, "this server does not accept articles over HTTP");
        }
        if (!routes.keysRequired()) {
            throw new HttpResponseException(403, "the write API is off: set CITEBOT_API_KEYS (or CITEBOT_API_KEYS_FILE) and send"
                    + " Authorization: Bearer KEY");
        }
        routes.requireAdmin(ctx);
        return service;
    }

    /** {@code POST /api/articles}: one article, or {"articles": [...]}; 201 with the ids once all are answerable. */
    void post(Context ctx) {
        var service = writer(ctx);
        JsonNode body = routes.body(ctx, MAX_REQUEST_BYTES);
        List<ArticleService.Submitted> batch = new ArrayList<>();
        if (body.has("articles")) {
            JsonNode list = body.get("articles");
            if (!list.isArray()) {
                throw new InvalidInputException("\"articles\" must be an array of articles");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isObject()) {
                    throw new InvalidInputException("articles[" + i + "] must be an object");
                }
                try {
                    batch.add(submitted(list.get(i), optionalString(list.get(i), "id")));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("articles[" + i + "]: " + e.getMessage());
                }
            }
        } else {
            batch.add(submitted(body, optionalString(body, "id")));
        }
        ctx.status(201).json(written(service.put(batch)));
    }

    /** {@code PUT /api/articles/{id}}: replaces (200) or creates (201) the article with this id. */
    void put(Context ctx) {
        var service = writer(ctx);
        String id = ctx.pathParam("id");
        JsonNode body = routes.body(ctx, MAX_REQUEST_BYTES);
        String bodyId = optionalString(body, "id");
        if (bodyId != null && !bodyId.equals(id)) {
            throw new InvalidInputException("the body's id \"" + bodyId + "\" is not the one in the address");
        }
        boolean existed = service.exists(id);
        ctx.status(existed ? 200 : 201).json(written(service.put(List.of(submitted(body, id)))));
    }

    /** {@code DELETE /api/articles/{id}}: 204, or 404 when there is no such article. */
    void delete(Context ctx) {
        if (!writer(ctx).delete(ctx.pathParam("id"))) {
            throw new HttpResponseException(404, "no article " + ctx.pathParam("id"));
        }
        ctx.status(204);
    }

    private static ArticleService.Submitted submitted(JsonNode node, String id) {
        return new ArticleService.Submitted(id, optionalString(node, "title"), optionalString(node, "text"),
                optionalString(node, "date"), optionalString(node, "source"), optionalString(node, "url"));
    }

    /** {@code GET /api/articles/{id}}: one article with its passages. */
    void show(Context ctx) {
        String id = ctx.pathParam("id");
        var view = chat.catalog().article(id).orElseThrow(() -> new HttpResponseException(404, "no article " + id));
        var a = view.article();
        var body = new LinkedHashMap<String, Object>();
        body.put("id", a.id());
        body.put("title", a.title());
        body.put("source", a.source());
        body.put("date", a.date());
        body.put("url", a.url());
        body.put("origin", service == null ? "file" : service.origin(id).orElse("file"));
        body.put("passages", view.passages().stream().map(h -> Map.of("passageId", h.passage().id(),
                "ordinal", h.passage().ordinal(), "text", h.passage().text())).toList());
        ctx.json(body);
    }

    /**
     * {"ids": [...]} and, when cleaning cut something from a text (a boilerplate paragraph, a "Click here …" sentence),
     * {"cut": [{"id", "text": [what was cut, in order]}]}, so nothing vanishes without a word.
     */
    private static Map<String, Object> written(List<ArticleService.Written> written) {
        var body = new LinkedHashMap<String, Object>();
        body.put("ids", written.stream().map(ArticleService.Written::id).toList());
        var cut = written.stream().filter(w -> !w.cut().isEmpty())
                .map(w -> Map.of("id", w.id(), "text", w.cut())).toList();
        if (!cut.isEmpty()) {
            body.put("cut", cut);
        }
        return body;
    }
}
