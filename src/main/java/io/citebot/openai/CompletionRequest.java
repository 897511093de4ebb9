package io.citebot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.chat.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code POST /v1/chat/completions} body, read and checked: the last user message is the question, earlier
 * user/assistant pairs are the history a follow-up is rewritten with, system messages are read and set aside
 * (they do not change how answers are grounded). What citebot cannot do (several choices, tools, images, JSON
 * output) is refused with a 400 naming the field; every other field is ignored, as OpenAI's clients expect.
 *
 * @param promptChars characters of all messages, for the usage estimate
 */
record CompletionRequest(String model, String question, List<Turn> history, boolean stream, boolean includeUsage,
                         int promptChars) {

    static CompletionRequest parse(JsonNode body) {
        String model = text(body, "model");
        if (model == null) {
            throw OpenAiError.invalid("you must provide a model parameter (\"" + OpenAiDoor.MODEL + "\")", "model");
        }
        if (!model.equals(OpenAiDoor.MODEL)) {
            throw new OpenAiError(404, "The model `" + model + "` does not exist; this server offers `" + OpenAiDoor.MODEL + "`",
                    "model_not_found", "model");
        }
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.asInt() == 1)) {
            throw OpenAiError.invalid("n must be 1: citebot gives one answer per question", "n");
        }
        for (String field : List.of("tools", "functions")) {
            JsonNode tools = body.get(field);
            if (tools != null && !tools.isNull() && !(tools.isArray() && tools.isEmpty())) {
                throw OpenAiError.invalid(field + " are not supported: citebot answers from its articles only", field);
            }
        }
        JsonNode format = body.get("response_format");
        if (format != null && !format.isNull() && !"text".equals(text(format, "type"))) {
            throw OpenAiError.invalid("response_format must be text: answers are prose with [n] citations", "response_format");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw OpenAiError.invalid("stream must be true or false", "stream");
        }
        JsonNode options = body.get("stream_options");
        boolean usage = options != null && options.isObject() && options.path("include_usage").asBoolean(false);

        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw OpenAiError.invalid("messages must be a non-empty array of {\"role\", \"content\"}", "messages");
        }
        List<String[]> read = new ArrayList<>();
        int chars = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String param = "messages[" + i + "]";
            if (!m.isObject()) {
                throw OpenAiError.invalid(param + " must be an object with role and content", param);
            }
            String role = text(m, "role");
            if (role == null) {
                throw OpenAiError.invalid(param + ".role is required", param + ".role");
            }
            switch (role) {
                case "system", "developer", "user", "assistant" -> { }
                case "tool", "function" -> throw OpenAiError.invalid("tool messages are not supported: citebot has no tools", param + ".role");
                default -> throw OpenAiError.invalid(param + ".role must be system, developer, user or assistant", param + ".role");
            }
            String content = content(m.get("content"), param + ".content", role.equals("assistant"));
            chars += content.length();
            read.add(new String[] {role, content});
        }
        String[] last = read.getLast();
        if (!last[0].equals("user")) {
            throw OpenAiError.invalid("the last message must be the user's question", "messages");
        }
        return new CompletionRequest(model, last[1], history(read.subList(0, read.size() - 1)),
                stream != null && stream.asBoolean(false), usage, chars);
    }

    /** Each user message with the assistant reply after it, oldest first. */
    private static List<Turn> history(List<String[]> earlier) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < earlier.size(); i++) {
            String[] m = earlier.get(i);
            if (m[0].equals("user") && !m[1].isBlank()) {
                String answer = i + 1 < earlier.size() && earlier.get(i + 1)[0].equals("assistant") ? earlier.get(i + 1)[1] : "";
                turns.add(new Turn(m[1], m[1], Completions.withoutSources(answer)));
            }
        }
        return turns;
    }

    /** A message's text: a string, or the text parts of an array; images, audio and files are refused. */
    private static String content(JsonNode c, String param, boolean mayBeNull) {
        if (c == null || c.isNull()) {
            if (mayBeNull) {
                return "";
            }
            throw OpenAiError.invalid(param + " is required", param);
        }
        if (c.isTextual()) {
            return c.asText();
        }
        if (!c.isArray()) {
            throw OpenAiError.invalid(param + " must be a string or an array of text parts", param);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : c) {
            String type = text(part, "type");
            if (!"text".equals(type)) {
                throw OpenAiError.invalid("only text content is supported (got " + (type == null ? "a part without a type" : type)
                        + "): citebot reads questions, not images, audio or files", param);
            }
            String t = text(part, "text");
            if (t == null) {
                throw OpenAiError.invalid(param + " text parts need a text", param);
            }
            text.append(text.isEmpty() ? "" : "\n").append(t);
        }
        return text.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
