package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM under load, to a real server: 32 clients on kept-alive connections ask without pause; every request the
 * server took gets a response (an answer, or 503 JSON once it is stopping), none is cut off, and it exits in time.
 * A client told 503 (with Retry-After) stops, as a client that honours it would, rather than open a new connection
 * in the instant the server stops listening (one the kernel would accept and then reset: not a request taken).
 */
class GracefulStopTest {

    @TempDir
    Path tmp;

    @Test
    void should_answer_every_request_it_took_when_stopped_under_load() throws Exception {
        Path data = tmp.resolve("data");
        Process server = ServerProcess.start(data, System.getProperty("java.class.path"), Map.of());
        String url = ServerProcess.awaitReady(server, data);
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        List<String> cutOff = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 32; c++) {
            clients.add(Thread.ofPlatform().start(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/chat")).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"What did Putin offer?\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        outcomes.merge(String.valueOf(r.statusCode()), 1, Integer::sum);
                        if (r.statusCode() != 200 && !r.body().contains("\"error\"")) {
                            cutOff.add(r.statusCode() + " without a JSON error: " + r.body());
                        }
                        if (r.statusCode() == 503) {
                            return; // told to come back later
                        }
                    } catch (ConnectException refused) {
                        outcomes.merge("refused", 1, Integer::sum); // not taken: the server no longer listens
                        return;
                    } catch (Exception e) {
                        cutOff.add(e.toString());
                        return;
                    }
                }
            }));
        }
        Thread.sleep(3000);
        server.destroy(); // SIGTERM
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped within the grace period").isTrue();
        stop.set(true);
        for (Thread t : clients) {
            t.join(30_000);
        }
        assertThat(outcomes.getOrDefault("200", 0)).as("answers before the stop: %s", outcomes).isGreaterThan(20);
        assertThat(cutOff).as("requests without a response (outcomes %s)", outcomes).isEmpty();
    }
}
