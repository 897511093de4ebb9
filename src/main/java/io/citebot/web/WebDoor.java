package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.api.ApiModels.ArticleJson;
import io.citebot.api.ApiModels.ArticlesJson;
import io.citebot.api.ApiModels.ChatJson;
import io.citebot.api.ApiModels.ErrorJson;
import io.citebot.api.ApiModels.SearchJson;
import io.citebot.chat.ArticleService;
import io.citebot.chat.Catalog;
import io.citebot.chat.ChatService;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.SearchOptions;
import io.citebot.http.Door;
import io.citebot.http.DoorRoutes;
import io.citebot.http.SseWriter;
import io.citebot.watch.Watches;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.citebot.http.DoorRoutes.optionalString;
import static io.citebot.http.DoorRoutes.requiredString;

/**
 * The JSON API and the chat page: {@code /api/chat} (and its stream), {@code /api/search}, articles, conversations,
 * feedback, the article view and the OpenAPI document.
 */
public final class WebDoor implements Door {

    private static final Logger log = LoggerFactory.getLogger(WebDoor.class);
    static final int DEFAULT_SEARCH_K = 5;

    private final ChatService chat;
    private final ArticleService articles;
    private final Watches watches;
    private DoorRoutes routes;

    /**
     * @param articles the write API's service (POST/PUT/DELETE /api/articles), or null when this server does not write
     * @param watches  followed topics ({@code /api/watches}), or null when this server has none
     */
    public WebDoor(ChatService chat, ArticleService articles, Watches watches) {
        this.chat = chat;
        this.articles = articles;
        this.watches = watches;
    }

    /** A door that answers and reads but does not take articles or watches. */
    public WebDoor(ChatService chat) {
        this(chat, null, null);
    }

    @Override
    public void register(DoorRoutes routes) {
        this.routes = routes;
        ArticleRoutes articleRoutes = new ArticleRoutes(chat, articles, routes);
        FeedbackRoutes feedbackRoutes = new FeedbackRoutes(chat, routes);
        ArticlePage articlePage = new ArticlePage(chat, routes.links());
        PageFiles.register(routes);
        routes.open("/", "/index.html", "/app.js", "/style.css", "/favicon.ico", "/favicon.svg", "/openapi.json");
        routes.openBelow("/articles/");
        // bodies are read before a turn is taken, so clients that send slowly never hold an answering place
        routes.post("/api/chat", ctx -> {
            ChatRequest r = chatRequest(ctx);
            routes.answering(ctx, () -> chat(ctx, r));
        });
        routes.post("/api/chat/stream", ctx -> {
            ChatRequest r = chatRequest(ctx);
            routes.answering(ctx, () -> chatStream(ctx, r));
        });
        routes.get("/api/search", ctx -> routes.answering(ctx, () -> search(ctx)));
        routes.get("/api/articles", this::articles);
        routes.get("/api/articles/{id}", articleRoutes::show);
        routes.post("/api/articles", articleRoutes::post);
        routes.put("/api/articles/{id}", articleRoutes::put);
        routes.delete("/api/articles/{id}", articleRoutes::delete);
        routes.get("/api/conversations/{id}", feedbackRoutes::conversation);
        routes.post("/api/feedback", feedbackRoutes::post);
        routes.get("/api/feedback", feedbackRoutes::list);
        if (watches != null) {
            WatchRoutes watchRoutes = new WatchRoutes(watches, routes);
            routes.post("/api/watches", watchRoutes::create);
            routes.get("/api/watches", watchRoutes::list);
            routes.delete("/api/watches/{id}", watchRoutes::delete);
        }
        routes.get("/articles/{id}", articlePage::show);
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
    }

    /** The OpenAPI document, written by scripts/openapi.py and shipped in the jar. */
    private static String openApi() {
        try (InputStream in = WebDoor.class.getResourceAsStream("/openapi.json")) {
            return new String(Objects.requireNonNull(in, "openapi.json is missing from the build").readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chat request's fields, read and checked before anything is answered. */
    private record ChatRequest(String question, String conversationId, SearchOptions options) {
    }

    private ChatRequest chatRequest(Context ctx) {
        JsonNode body = routes.body(ctx);
        String question = requiredString(body, "question");
        String conversationId = optionalString(body, "conversationId");
        SearchOptions options = SearchOptions.parse(optionalString(body, "mode"), optionalString(body, "from"),
                optionalString(body, "to"), optionalString(body, "source"), optionalString(body, "now"));
        return new ChatRequest(question, conversationId, options);
    }

    private void chat(Context ctx, ChatRequest r) {
        ctx.json(ChatJson.of(routes.links(), routes.deadline().within(ctx,
                () -> chat.ask(DoorRoutes.owner(ctx), r.question(), r.conversationId(), r.options()))));
    }

    /**
     * {@code POST /api/chat/stream}: Server-Sent Events: {@code token} events ({"text"}) as the answer is
     * written, then one {@code done} event with the same JSON as {@code /api/chat} (the checked text, citations,
     * refused). A fault after the stream started ends it with an {@code error} event.
     */
    private void chatStream(Context ctx, ChatRequest r) {
        SseWriter sse = new SseWriter(ctx.res(), routes.json());
        try {
            var reply = chat.stream(DoorRoutes.owner(ctx), r.question(), r.conversationId(), r.options(), sse);
            sse.send("done", ChatJson.of(routes.links(), reply));
        } catch (RuntimeException e) {
            if (!sse.started()) {
                throw e;
            }
            log.error("Streaming answer failed", e);
            sse.send("error", new ErrorJson(e instanceof InvalidInputException ? e.getMessage() : "internal error; see the server log"));
        }
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new InvalidInputException("query parameter q is required");
        }
        int k = ctx.queryParamAsClass("k", Integer.class).getOrDefault(DEFAULT_SEARCH_K);
        SearchOptions options = SearchOptions.parse(ctx.queryParam("mode"), ctx.queryParam("from"), ctx.queryParam("to"),
                ctx.queryParam("source"), ctx.queryParam("now"));
        String collapse = ctx.queryParam("collapse");
        if (collapse != null && !collapse.equals("article") && !collapse.equals("passage") && !collapse.equals("story")) {
            throw new InvalidInputException("collapse must be article, story or passage");
        }
        if ("story".equals(collapse)) {
            var stories = routes.deadline().within(ctx, () -> chat.searchStories(q, k, options));
            ctx.json(SearchJson.of(stories.kept(), stories.copies()));
            return;
        }
        ctx.json(SearchJson.of(routes.deadline().within(ctx, () -> chat.search(q, k, options, "article".equals(collapse)))));
    }

    /** The article list, a page at a time: {@code ?limit=} (1000 at most and by default), {@code ?after=} the last id seen. */
    private void articles(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(Catalog.MAX_ARTICLES_PAGE);
        var page = chat.catalog().articles(ctx.queryParam("after"), limit);
        String next = page.size() == limit ? page.getLast().id() : null;
        ctx.json(new ArticlesJson(page.stream().map(ArticleJson::of).toList(), next));
    }
}
