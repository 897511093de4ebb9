package io.citebot.openai;

import io.citebot.http.HttpError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error as OpenAI's API reports it, {@code {"error": {"message", "type", "param", "code"}}}, with its HTTP status,
 * so that the official SDKs raise their own exception types (BadRequestError, RateLimitError, ...).
 */
public final class OpenAiError extends HttpError {

    private final String param;

    public OpenAiError(int status, String message, String code, String param) {
        super(status, message, code);
        this.param = param;
    }

    /** A 400 about one request field. */
    static OpenAiError invalid(String message, String param) {
        return new OpenAiError(400, message, null, param);
    }

    /** This error's JSON body. */
    public Map<String, Object> body() {
        return body(status(), getMessage(), code(), param);
    }

    /** The JSON body of an error with this status. */
    public static Map<String, Object> body(int status, String message, String code, String param) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type(status));
        error.put("param", param);
        error.put("code", code != null ? code : defaultCode(status));
        return Map.of("error", error);
    }

    /** OpenAI's error types by status. */
    static String type(int status) {
        return switch (status) {
            case 401 -> "invalid_request_error";
            case 429 -> "requests";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static String defaultCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 404 -> "not_found";
            case 429 -> "rate_limit_exceeded";
            case 503 -> "overloaded";
            default -> null;
        };
    }
}
