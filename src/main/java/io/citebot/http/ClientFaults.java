package io.citebot.http;

import io.citebot.chat.InvalidInputException;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;

/** What the client got wrong at the HTTP level: the body's type and encoding, and bodies that never arrived whole. */
final class ClientFaults {

    private ClientFaults() {
    }

    /** 415 unless the Content-Type is JSON ({@code application/json} or {@code application/*+json}) with no charset but UTF-8. */
    static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new HttpResponseException(415, "Content-Type must be application/json");
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw new HttpResponseException(415, "Content-Type must be application/json, not " + type);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv[0].strip().equalsIgnoreCase("charset") && kv.length == 2) {
                String charset = kv[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw new HttpResponseException(415, "JSON must be UTF-8, not charset " + charset);
                }
            }
        }
    }

    /** The body as UTF-8 text; bytes that are not UTF-8 are the client's fault. */
    static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("request body is not valid UTF-8");
        }
    }

    /** A body cut off, a bad chunk, a client that stopped sending: an I/O failure caused by the client. */
    static boolean isClientFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EofException || t instanceof BadMessageException || t instanceof TimeoutException
                    || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadMessageException b) {
                return b.getReason() != null ? b.getReason() : "bad message";
            }
            if (t instanceof TimeoutException) {
                return "the body did not arrive in time";
            }
        }
        return "the body ended early";
    }
}
