package io.citebot.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.citebot.chat.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading what Slack sends: JSON payloads and form-encoded bodies, bad ones refused with a 400. */
final class SlackPayloads {

    private SlackPayloads() {
    }

    static JsonObject jsonObject(String body) {
        try {
            JsonElement e = JsonParser.parseString(body);
            if (!e.isJsonObject()) {
                throw new InvalidInputException("a Slack payload must be a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InvalidInputException("malformed JSON from Slack");
        }
    }

    static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("malformed form body");
                }
            }
        }
        return fields;
    }
}
