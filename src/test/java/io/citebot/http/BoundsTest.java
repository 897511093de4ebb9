package io.citebot.http;

import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.config.ApiSettings;
import io.citebot.llm.FakeModelServer.Reply;
import io.citebot.llm.FakeModelServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** What keeps the server bounded: a per-request deadline, a graceful stop, and slow or half-open clients. */
class BoundsTest {

    @TempDir
    Path tmp;

    FakeModelServer model;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        model = new FakeModelServer();
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    private Citebot open() throws Exception {
        return TestFiles.modelBot(tmp.resolve("data"), model.openAiUrl(), Map.of("CITEBOT_LLM_RETRIES", "0", "CITEBOT_LLM_TIMEOUT", "10s"));
    }

    private HttpRequest ask(int port, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void should_answer_503_when_an_answer_outlives_its_deadline() throws Exception {
        try (Citebot bot = open()) {
            model.then(Reply.text("Peskov said negotiations are essential [1].").delayed(3_000));
            HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).api(new ApiSettings(Set.of(), 0, List.of(), true, Duration.ofMillis(500))).build();
            web.javalin().start("127.0.0.1", 0);
            try {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(ask(web.javalin().port(), "/api/chat", "{\"question\": \"What did Peskov say?\"}"),
                        HttpResponse.BodyHandlers.ofString());
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).contains("5");
                assertThat(r.body()).contains("took longer than 0.5 s");
                assertThat(millis).isLessThan(2_500);
            } finally {
                web.javalin().stop();
            }
        }
    }

    @Test
    void should_finish_answers_in_flight_when_stopped() throws Exception {
        try (Citebot bot = open()) {
            model.then(Reply.text("Peskov said negotiations are essential [1].").delayed(1_500));
            HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).build();
            web.javalin().start("127.0.0.1", 0);
            int port = web.javalin().port();
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(ask(port, "/api/chat",
                    "{\"question\": \"What did Dmitry Peskov say about negotiations?\"}"), HttpResponse.BodyHandlers.ofString());
            while (model.requests().isEmpty()) {
                Thread.sleep(20);
            }
            // when: stopped while the answer is being written
            web.javalin().stop();

            // then: that answer still arrived whole, and new connections are refused
            HttpResponse<String> r = inFlight.get();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("essential [1]");
            assertThat(CompletableFuture.supplyAsync(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return "connected";
                } catch (Exception e) {
                    return "refused";
                }
            }).get()).isEqualTo("refused");
        }
    }

    @Test
    void should_keep_answering_while_hundreds_of_clients_trickle_headers_and_drop_them_at_the_deadline() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("trickle"))) {
            HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).build();
            web.javalin().start("127.0.0.1", 0);
            int port = web.javalin().port();
            List<Socket> trickling = new ArrayList<>();
            var feeder = Executors.newSingleThreadScheduledExecutor();
            try {
                for (int i = 0; i < 300; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    trickling.add(s);
                }
                // one header byte a second from each: never idle, never done
                feeder.scheduleAtFixedRate(() -> {
                    for (Socket s : trickling) {
                        try {
                            s.getOutputStream().write('X');
                        } catch (IOException closed) {
                            // the server let it go
                        }
                    }
                }, 0, 1, TimeUnit.SECONDS);
                HttpResponse<String> answer = http.send(ask(port, "/api/chat", "{\"question\": \"What did Putin offer?\"}"),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);

                // and every trickling client is closed once the header deadline has passed
                Socket first = trickling.getFirst();
                first.setSoTimeout((int) SlowClients.HEADER_DEADLINE.plusSeconds(10).toMillis());
                long t0 = System.nanoTime();
                assertThat(first.getInputStream().read()).as("closed by the server").isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(SlowClients.HEADER_DEADLINE.plusSeconds(5));
                Thread.sleep(5000);
                assertThat(trickling.stream().filter(s -> {
                    try {
                        s.setSoTimeout(10);
                        return s.getInputStream().read() != -1;
                    } catch (SocketTimeoutException open) {
                        return true;
                    } catch (IOException reset) {
                        return false;
                    }
                }).count()).as("still open").isZero();
            } finally {
                feeder.shutdownNow();
                for (Socket s : trickling) {
                    s.close();
                }
                web.javalin().stop();
            }
        }
    }

    /** Linux's count of handshakes dropped because a listening socket's accept queue was full. */
    private static long listenOverflows() throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(Path.of("/proc/net/netstat"));
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            List<String> names = List.of(lines.get(i).split(" "));
            String[] values = lines.get(i + 1).split(" ");
            if (names.getFirst().equals("TcpExt:") && names.contains("ListenOverflows")) {
                return Long.parseLong(values[names.indexOf("ListenOverflows")]);
            }
        }
        throw new IOException("no ListenOverflows in /proc/net/netstat");
    }

    /** A crowd connecting at once (what found it: 400 load-test clients saw their requests reset). */
    @Test
    void should_take_every_connection_of_a_crowd_arriving_at_once() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("crowd"))) {
            HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).build();
            web.javalin().start("127.0.0.1", 0);
            int port = web.javalin().port();
            // the kernel caps any accept queue at net.core.somaxconn (4096 on current kernels)
            int clients = Math.min(800, Integer.parseInt(java.nio.file.Files.readString(Path.of("/proc/sys/net/core/somaxconn")).strip()));
            long overflowsBefore = listenOverflows();
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<String>> replies = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < clients; i++) {
                    replies.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                            try (Socket s = new Socket("127.0.0.1", port)) {
                                s.setSoTimeout(30_000);
                                s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                                        .getBytes(StandardCharsets.US_ASCII));
                                String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                                return reply.isEmpty() ? "closed" : reply.substring(0, reply.indexOf('\r'));
                            }
                        } catch (IOException | InterruptedException e) {
                            return e.toString();
                        }
                    }, threads));
                }
                go.countDown();
                Map<String, Long> seen = replies.stream().map(CompletableFuture::join)
                        .collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
                assertThat(seen).containsExactly(Map.entry("HTTP/1.1 200 OK", (long) clients));
                // with Java's default queue of 50 they were answered too, but only after the kernel had dropped
                // hundreds of handshakes (each client then waits a second or more to retry; some see a reset)
                assertThat(listenOverflows() - overflowsBefore).as("handshakes the kernel dropped: its accept queue was full").isZero();
            } finally {
                web.javalin().stop();
            }
        }
    }

    @Test
    void should_keep_answering_while_hundreds_of_clients_stall_mid_body_and_drop_them() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("plain"))) {
            HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).build();
            web.javalin().start("127.0.0.1", 0);
            int port = web.javalin().port();
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                            + "{\"question\": \"What").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    stalled.add(s);
                }
                // others are served at once
                long t0 = System.nanoTime();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> answer = http.send(ask(port, "/api/chat", "{\"question\": \"What did Putin offer?\"}"),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));

                // and a stalled client is let go after the idle timeout
                Socket first = stalled.getFirst();
                first.setSoTimeout((int) ServerBounds.IDLE_TIMEOUT.plusSeconds(10).toMillis());
                InputStream in = first.getInputStream();
                long t1 = System.nanoTime();
                byte[] rest = in.readAllBytes();
                assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(ServerBounds.IDLE_TIMEOUT.plusSeconds(5));
                assertThat(new String(rest, StandardCharsets.UTF_8)).doesNotContain("200 OK");
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
                web.javalin().stop();
            }
        }
    }
}
