package io.citebot.web;

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
final class SseWriter implements AnswerStream {

    private final HttpServletResponse response;
    private final ObjectMapper json;
    private OutputStream out;
    private volatile boolean gone;

    SseWriter(HttpServletResponse response, ObjectMapper json) {
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

    synchronized void send(String event, Object data) {
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
            String payload = "event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n";
            out.write(payload.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            gone = true;
        }
    }

    boolean started() {
        return out != null;
    }
}
