package io.citebot.http;

/**
 * A door served over HTTP (the JSON API and chat page, the OpenAI-compatible API, Slack): it registers its routes
 * on the server, which knows no door. The CLI's {@code serve} chooses the doors; tests mount the ones they test.
 */
@FunctionalInterface
public interface Door {

    /** Adds this door's routes, static files, open paths and error shape to the server being built. */
    void register(DoorRoutes routes);
}
