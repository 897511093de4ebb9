package io.citebot.web;

import static io.citebot.http.DoorRoutes.optionalString;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.api.ApiModels.WatchJson;
import io.citebot.api.ApiModels.WatchesJson;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.Watch;
import io.citebot.http.DoorRoutes;
import io.citebot.watch.Watches;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code POST/GET /api/watches}, {@code DELETE /api/watches/{id}}: a key's watches, which post briefs of newly
 * arrived articles to a webhook or a Slack channel. A key sees and removes only its own.
 */
final class WatchRoutes {

    private final Watches watches;
    private final DoorRoutes routes;

    WatchRoutes(Watches watches, DoorRoutes routes) {
        this.watches = watches;
        this.routes = routes;
    }

    /** {@code POST /api/watches {"query", "webhookUrl" | "slackChannel", "filters"?: {"from", "to", "source"}, "digest"?: "HH:MM"}}: 201. */
    void create(Context ctx) {
        JsonNode body = routes.body(ctx);
        JsonNode filters = body.path("filters");
        if (!filters.isMissingNode() && !filters.isNull() && !filters.isObject()) {
            throw new InvalidInputException("filters must be an object {\"from\", \"to\", \"source\"}");
        }
        JsonNode f = filters.isObject() ? filters : body;
        Watch w = watches.create(DoorRoutes.owner(ctx), DoorRoutes.requiredString(body, "query"), date(f, "from"), date(f, "to"),
                optionalString(f, "source"), optionalString(body, "webhookUrl"), optionalString(body, "slackChannel"),
                Watches.time(optionalString(body, "digest")));
        ctx.status(201).json(WatchJson.of(w, watches.latest(w.id())));
    }

    /** {@code GET /api/watches}: the caller's watches, oldest first. */
    void list(Context ctx) {
        ctx.json(new WatchesJson(watches.list(DoorRoutes.owner(ctx)).stream()
                .map(w -> WatchJson.of(w, watches.latest(w.id()))).toList()));
    }

    /** {@code DELETE /api/watches/{id}}: 204, or 404 when the caller has no such watch. */
    void delete(Context ctx) {
        if (!watches.delete(DoorRoutes.owner(ctx), ctx.pathParam("id"))) {
            throw new NotFoundResponse("no watch " + ctx.pathParam("id") + " of yours");
        }
        ctx.status(204);
    }

    private static LocalDate date(JsonNode body, String field) {
        String value = optionalString(body, field);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field + " must be a date YYYY-MM-DD");
        }
    }
}
