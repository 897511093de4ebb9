package io.citebot.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.api.ApiModels.ErrorJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors the web server itself produces before a route runs (a malformed request line, a URI or headers too
 * long, a bad chunk) answer {@code {"error": "..."}} like every route, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");

    private final ObjectMapper json;

    JsonErrorHandler(ObjectMapper json) {
        this.json = json;
        setShowStacks(false);
        setShowCauses(false);
    }

    /** Every method's error gets the JSON body (Jetty writes one for GET, POST and HEAD only, empty otherwise). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        response.getHeaders().put(JSON);
        // Jetty ends the connection after an error it answers itself; saying so keeps clients from reusing it
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", EdgeGuard.CONTENT_SECURITY_POLICY);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    private byte[] body(int code, String message) {
        String reason = HttpStatus.getMessage(code);
        String text = message == null || message.isBlank() || message.equals(reason)
                ? reason.toLowerCase(Locale.ROOT) : reason.toLowerCase(Locale.ROOT) + ": " + message;
        try {
            return json.writeValueAsString(new ErrorJson(text)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            return "{\"error\": \"bad request\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
