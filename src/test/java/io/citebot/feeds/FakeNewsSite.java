package io.citebot.feeds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small news site on loopback (port 0): an RSS 2.0 feed, an Atom feed and article pages with the chrome real
 * sites have (navigation, "Most read", a newsletter prompt, a footer); feeds that fail (HTTP 500, not XML, too
 * slow). Feeds send an ETag and answer a matching If-None-Match with 304. Every request is recorded.
 */
final class FakeNewsSite implements AutoCloseable {

    /** One story: where its page lives, and what the page and the feed say of it. */
    record Story(String slug, String guid, String title, String date, String body, String summary) {
    }

    private final HttpServer server;
    private final List<Story> rss = new CopyOnWriteArrayList<>();
    private final List<Story> atom = new CopyOnWriteArrayList<>();
    private final Map<String, Story> pages = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();

    FakeNewsSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void addRss(Story s) {
        rss.addFirst(s);
        pages.put(s.slug(), s);
    }

    void removeRss(String slug) {
        rss.removeIf(s -> s.slug().equals(slug));
    }

    void addAtom(Story s) {
        atom.addFirst(s);
        pages.put(s.slug(), s);
    }

    long count(String pathPrefix) {
        return requests.stream().filter(r -> r.startsWith(pathPrefix)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(path);
        switch (path) {
            case "/rss.xml" -> feed(ex, rssXml(), "application/rss+xml");
            case "/atom.xml" -> feed(ex, atomXml(), "application/atom+xml");
            case "/broken.xml" -> send(ex, 500, "text/plain", "Internal Server Error");
            case "/moved" -> {
                // a redirect to the same server under another name (localhost), which only the feed's host may use
                ex.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort() + "/news/ferry-strike.html");
                ex.sendResponseHeaders(302, -1);
                ex.close();
            }
            case "/garbage.xml" -> send(ex, 200, "application/rss+xml", "<html><body>We moved! <b>Oops</body>");
            case "/slow.xml" -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                feed(ex, rssXml(), "application/rss+xml");
            }
            default -> {
                Story s = path.startsWith("/news/") ? pages.get(path.substring(6).replace(".html", "")) : null;
                if (s == null || s.body() == null) {
                    send(ex, 404, "text/html", "<html><body><h1>Not found</h1></body></html>");
                } else {
                    send(ex, 200, "text/html; charset=utf-8", page(s));
                }
            }
        }
    }

    private void feed(HttpExchange ex, String xml, String type) throws IOException {
        String etag = "\"" + Integer.toHexString(xml.hashCode()) + "\"";
        String sent = ex.getRequestHeaders().getFirst("If-None-Match");
        if (sent != null) {
            ifNoneMatch.add(sent);
        }
        ex.getResponseHeaders().add("ETag", etag);
        if (etag.equals(sent)) {
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
        }
        send(ex, 200, type + "; charset=utf-8", xml);
    }

    private String rssXml() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Harbor Daily</title><link>"
                + url("/") + "</link><description>News from the harbor</description>\n");
        for (Story s : rss) {
            b.append("<item><title>").append(esc(s.title())).append("</title><link>").append(esc(link(s)))
                    .append("</link><guid isPermaLink=\"false\">").append(s.guid()).append("</guid><pubDate>").append(s.date())
                    .append("</pubDate><description>").append(esc(s.summary())).append("</description></item>\n");
        }
        return b.append("</channel></rss>\n").toString();
    }

    /** A story's page address: its slug under /news/, or the slug itself when it is a whole URL. */
    private String link(Story s) {
        return s.slug().startsWith("http") ? s.slug() : url("/news/" + s.slug() + ".html");
    }

    private String atomXml() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<title>Coastal Wire</title><id>urn:coastal-wire</id><updated>2026-11-20T10:00:00Z</updated>\n");
        for (Story s : atom) {
            b.append("<entry><title>").append(esc(s.title())).append("</title><id>").append(s.guid()).append("</id><link href=\"")
                    .append(url("/news/" + s.slug() + ".html")).append("\"/><updated>").append(s.date())
                    .append("</updated><content type=\"html\">").append(esc("<p>" + s.summary() + "</p>")).append("</content></entry>\n");
        }
        return b.append("</feed>\n").toString();
    }

    private String page(Story s) {
        StringBuilder paragraphs = new StringBuilder();
        for (String p : s.body().split("\n\n")) {
            paragraphs.append("<p>").append(esc(p)).append("</p>\n");
        }
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + esc(s.title()) + " | Harbor Daily</title>"
                + "<meta property=\"og:title\" content=\"" + esc(s.title()) + "\">"
                + "<meta property=\"og:site_name\" content=\"Harbor Daily\">"
                + "<meta property=\"article:published_time\" content=\"2026-11-20T08:00:00Z\">"
                + "<link rel=\"canonical\" href=\"https://harbordaily.example/news/" + s.slug() + "\"></head><body>"
                + "<header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a> <a href=\"/subscribe\">Subscribe</a></nav></header>"
                + "<main><article><h1>" + esc(s.title()) + "</h1><p class=\"byline\">By Mara Lind</p>\n" + paragraphs
                + "<div class=\"newsletter\"><h3>Get the Harbor Briefing</h3><p>Sign up for our newsletter and never miss a sailing update from the quay.</p></div>"
                + "</article><aside class=\"most-read\"><h2>Most read</h2><ol><li><a href=\"/a\">Gull steals chips from mayor</a></li>"
                + "<li><a href=\"/b\">Ferry timetable changes again</a></li><li><a href=\"/c\">Ten best harbor walks</a></li></ol></aside></main>"
                + "<footer><p>© 2026 Harbor Daily. All rights reserved. Privacy policy. Cookie settings.</p></footer></body></html>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
