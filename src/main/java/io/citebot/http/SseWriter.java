package io.citebot.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.answer.AnswerStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Server-Sent Events on a servlet response. Headers are sent with the first event, so a request that fails
 * before any token can still get an ordinary JSON error. A failed write means the client went away: the
 * stream reports itself cancelled and the generation behind it stops.
 */
public final class SseWriter implements AnswerStream {

    private final HttpServletResponse response;
    private final ObjectMapper json;
    private OutputStream out;
    private volatile boolean gone;

    public SseWriter(HttpServletResponse response, ObjectMapper json) {
        this.response = response;
        this.json = json;
    }

    @Override
    public void token(String text) {
        send("token", Map.of("text", text));
    }

    @Override
    public boolean cancelled() {
        return gone;
    }

    /** An event with a name ({@code event:} line) and JSON data. */
    public void send(String event, Object data) {
        try {
            write("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A data-only frame ({@code data: ...}), as OpenAI's streams are: JSON, or a literal such as {@code [DONE]}. */
    public void data(Object data) {
        try {
            write("data: " + (data instanceof String s ? s : json.writeValueAsString(data)) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void write(String payload) {
        if (gone) {
            return;
        }
        try {
            if (out == null) {
                response.setStatus(200);
                response.setContentType("text/event-stream");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                out = response.getOutputStream();
            }
            out.write(payload.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            gone = true;
        }
    }

    public boolean started() {
        return out != null;
    }
}
