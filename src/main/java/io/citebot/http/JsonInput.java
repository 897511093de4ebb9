package io.citebot.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.citebot.chat.InvalidInputException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/** Reading JSON request bodies and their fields, the same way on every route. */
final class JsonInput {

    /** The largest body any route reads (an article written through the API); Jetty refuses larger ones. */
    static final long MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final ObjectReader reader;

    JsonInput(ObjectMapper json) {
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The body of a JSON route: {@code application/json} in UTF-8 only (415 otherwise, so that a web page cannot
     * post a plain-text or form body here), at most {@code maxBytes} (413), bytes that are UTF-8, one JSON object
     * and nothing after it.
     */
    JsonNode body(Context ctx, long maxBytes) {
        ClientFaults.requireJson(ctx.header("Content-Type"));
        if (ctx.contentLength() > maxBytes) {
            throw new HttpResponseException(413, "request body is larger than " + maxBytes / 1024 + " KB");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > maxBytes) {
            throw new HttpResponseException(413, "request body is larger than " + maxBytes / 1024 + " KB");
        }
        String body = ClientFaults.utf8(bytes);
        if (body.isBlank()) {
            throw new InvalidInputException("request body must be a JSON object, e.g. {\"question\": \"...\"}");
        }
        try {
            JsonNode node = reader.readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException("request body must be a JSON object, e.g. {\"question\": \"...\"}");
            }
            return node;
        } catch (StreamConstraintsException e) {
            // its message names the parser's settings ("from `StreamReadConstraints.getMaxNestingDepth()`")
            throw new InvalidInputException("JSON nested too deeply, or with a number or string too long to read");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    static String requiredString(JsonNode body, String field) {
        String value = optionalString(body, field);
        if (value == null) {
            throw new InvalidInputException("\"" + field + "\" is required");
        }
        return value;
    }

    static String optionalString(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException("\"" + field + "\" must be a string");
        }
        return v.asText();
    }
}
