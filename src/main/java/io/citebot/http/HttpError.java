package io.citebot.http;

/**
 * A request refused with an HTTP status, written in the error shape of the route's door ({@code {"error": "..."}}
 * by default).
 */
public class HttpError extends RuntimeException {

    private final int status;
    private final String code;

    /** @param code a machine-readable reason for doors whose protocol has one (OpenAI's {@code invalid_api_key}), or null */
    public HttpError(int status, String message, String code) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
