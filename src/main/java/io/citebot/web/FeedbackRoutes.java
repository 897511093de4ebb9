package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.api.ApiModels;
import io.citebot.chat.ChatService;
import io.citebot.chat.InvalidInputException;
import io.citebot.http.DoorRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import static io.citebot.http.DoorRoutes.optionalString;
import static io.citebot.http.DoorRoutes.requiredString;

/** A conversation's turns ({@code GET /api/conversations/{id}}) and readers' votes on them ({@code /api/feedback}). */
final class FeedbackRoutes {

    private final ChatService chat;
    private final DoorRoutes routes;

    FeedbackRoutes(ChatService chat, DoorRoutes routes) {
        this.chat = chat;
        this.routes = routes;
    }

    /** {@code GET /api/conversations/{id}}: the turns of the caller's conversation, for a page that continues it. */
    void conversation(Context ctx) {
        String id = ctx.pathParam("id");
        var turns = chat.history(DoorRoutes.owner(ctx), id);
        if (turns.isEmpty()) {
            throw new HttpResponseException(404, "unknown or expired conversation");
        }
        ctx.json(new ApiModels.ConversationJson(id, turns.stream().map(ApiModels.TurnJson::of).toList()));
    }

    /** {@code POST /api/feedback} {"conversationId", "turn"?, "rating": "up"|"down", "comment"?}: 201 with the entry. */
    void post(Context ctx) {
        JsonNode body = routes.body(ctx);
        JsonNode turn = body.get("turn");
        if (turn != null && !turn.isNull() && !(turn.isIntegralNumber() && turn.canConvertToInt())) {
            throw new InvalidInputException("\"turn\" must be a whole number");
        }
        var entry = chat.feedback(DoorRoutes.owner(ctx), requiredString(body, "conversationId"), turn == null || turn.isNull() ? null : turn.intValue(),
                requiredString(body, "rating"), optionalString(body, "comment"), "web", null);
        ctx.status(201).json(ApiModels.FeedbackJson.of(entry));
    }

    /** {@code GET /api/feedback?limit=N}: the newest votes first, everyone's: for the admin role only. */
    void list(Context ctx) {
        routes.requireAdmin(ctx);
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100);
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit must be between 1 and 1000");
        }
        ctx.json(new ApiModels.FeedbackListJson(chat.feedback(limit).stream()
                .map(ApiModels.FeedbackJson::of).toList()));
    }
}
