package io.citebot.web;

import io.citebot.http.DoorRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The chat page's files (a few kilobytes), read once from the jar and served from memory with a strong ETag, so a
 * browser revalidates and gets 304 when nothing changed. Javalin's classpath static files mounted the whole jar (24,000
 * entries) as a file system at start-up, which took about half a second of every start.
 */
final class PageFiles {

    /** The files under {@code /public} in the jar, with their content types. */
    static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private record File(byte[] body, String type, String etag) {
    }

    private PageFiles() {
    }

    /** Serves each file at {@code /NAME}, and the page itself at {@code /} too. */
    static void register(DoorRoutes routes) {
        for (var e : FILES.entrySet()) {
            File f = read(e.getKey(), e.getValue());
            routes.file("/" + e.getKey(), ctx -> serve(ctx, f));
            if (e.getKey().equals("index.html")) {
                routes.file("/", ctx -> serve(ctx, f));
            }
        }
    }

    private static void serve(Context ctx, File f) {
        ctx.header("ETag", f.etag()).header("Cache-Control", "max-age=0").contentType(f.type());
        String known = ctx.header("If-None-Match");
        if (known != null && (known.equals(f.etag()) || known.equals("W/" + f.etag()) || known.strip().equals("*"))) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.result(f.body());
    }

    private static File read(String name, String type) {
        try (InputStream in = PageFiles.class.getResourceAsStream("/public/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/public/" + name + " is missing from the build");
            }
            byte[] body = in.readAllBytes();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return new File(body, type, "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
