package io.citebot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Acknowledged writes survive {@code kill -9}: a real {@code citebot serve} process takes chat turns and feedback
 * (and watches) from a few clients, is killed with SIGKILL at a random moment, started again on the same data folder, and every
 * write it had answered 2xx must be there, each feedback id still naming the same vote (no id handed out twice).
 * Cycle after cycle, on the same data. {@code scripts/crash-harness} runs hundreds of cycles; a test runs a few.
 *
 * <p>Usage: {@code CrashHarness [--cycles N] [--data DIR] [--seed S] [--classpath CP]}; exits 1 when a write was lost.
 */
public final class CrashHarness {

    /** What one run found. */
    public record Report(int cycles, int turnsAcknowledged, int feedbackAcknowledged, int watchesAcknowledged, List<String> lost) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;

    private final Path data;
    private final String classpath;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Acknowledged turns: conversation id → how many turns it had when the last one was answered 200. */
    private final Map<String, Integer> turns = new ConcurrentHashMap<>();
    /** Acknowledged votes: feedback id → its comment. */
    private final Map<Long, String> votes = new ConcurrentHashMap<>();
    /** What the current cycle wrote (checked in full after the restart; older writes by sample). */
    private final Map<String, Integer> cycleTurns = new ConcurrentHashMap<>();
    private final Map<Long, String> cycleVotes = new ConcurrentHashMap<>();
    /** Acknowledged watches (201): id → query. */
    private final Map<String, String> watches = new ConcurrentHashMap<>();
    private final List<String> reused = Collections.synchronizedList(new ArrayList<>());
    /** Print a line every ten cycles (the script's long runs). */
    private boolean progress;

    public CrashHarness(Path data, String classpath, long seed) {
        this.data = data;
        this.classpath = classpath;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        Path data = Path.of(a.getOrDefault("--data", Files.createTempDirectory("citebot-crash").toString()));
        CrashHarness harness = new CrashHarness(data, a.getOrDefault("--classpath", System.getProperty("java.class.path")),
                Long.parseLong(a.getOrDefault("--seed", String.valueOf(System.nanoTime()))));
        harness.progress = true;
        Report r = harness.run(Integer.parseInt(a.getOrDefault("--cycles", "200")));
        System.out.printf("%d kill -9 cycles: %d turns, %d votes and %d watches acknowledged, %d missing%n", r.cycles(),
                r.turnsAcknowledged(), r.feedbackAcknowledged(), r.watchesAcknowledged(), r.lost().size());
        r.lost().stream().limit(20).forEach(l -> System.out.println("  lost: " + l));
        System.exit(r.lost().isEmpty() ? 0 : 1);
    }

    /**
     * Runs {@code cycles} write-then-kill cycles: each start first checks what the killed server had acknowledged,
     * then takes new writes until it is killed in turn; a last start checks the last cycle.
     */
    public Report run(int cycles) throws Exception {
        List<String> lost = new ArrayList<>();
        for (int cycle = 0; cycle <= cycles && lost.isEmpty(); cycle++) {
            Process server = start();
            try {
                String url = awaitReady(server);
                lost.addAll(reused);
                lost.addAll(check(url));
                if (progress && cycle > 0 && cycle % 10 == 0) {
                    System.out.printf("%d cycles: %d turns and %d votes acknowledged, %d missing%n", cycle,
                            turns.values().stream().mapToInt(Integer::intValue).sum(), votes.size(), lost.size());
                }
                if (cycle < cycles) {
                    cycleTurns.clear();
                    cycleVotes.clear();
                    writeThenKill(server, url, 300 + random.nextInt(2500));
                }
            } finally {
                server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        return new Report(cycles, turns.values().stream().mapToInt(Integer::intValue).sum(), votes.size(), watches.size(), lost);
    }

    private Process start() throws IOException {
        // watches post to loopback (never reached: nothing new arrives while the harness runs)
        return ServerProcess.start(data, classpath, Map.of("CITEBOT_WEBHOOK_ALLOW_PRIVATE", "true"));
    }

    private String awaitReady(Process server) throws Exception {
        return ServerProcess.awaitReady(server, data);
    }

    /** Clients chat and vote until the server is killed {@code afterMillis} later; what got a 2xx is remembered. */
    private void writeThenKill(Process server, String url, int afterMillis) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            long seed = random.nextLong();
            clients.add(Thread.ofPlatform().start(() -> chatAndVote(url, new Random(seed), stop)));
        }
        Thread.sleep(afterMillis);
        server.destroyForcibly(); // SIGKILL
        server.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread t : clients) {
            t.join();
        }
    }

    private static final String[] QUESTIONS = {"What did Putin offer?", "What did Dmitry Peskov say about negotiations?",
        "How did Iran respond?", "Who mediates between the US and Iran?"};

    private void chatAndVote(String url, Random r, AtomicBoolean stop) {
        String conversation = null;
        int count = 0;
        while (!stop.get()) {
            try {
                Map<String, Object> body = new HashMap<>(Map.of("question", QUESTIONS[r.nextInt(QUESTIONS.length)]));
                if (conversation != null) {
                    body.put("conversationId", conversation);
                }
                HttpResponse<String> chat = send("POST", url + "/api/chat", body);
                if (chat.statusCode() != 200) {
                    continue;
                }
                JsonNode reply = JSON.readTree(chat.body());
                conversation = reply.get("conversationId").asText();
                count++;
                turns.put(conversation, count);
                cycleTurns.put(conversation, count);
                if (r.nextInt(3) == 0) {
                    String comment = "vote " + r.nextLong();
                    HttpResponse<String> vote = send("POST", url + "/api/feedback",
                            Map.of("conversationId", conversation, "rating", "up", "comment", comment));
                    if (vote.statusCode() == 201) {
                        long id = JSON.readTree(vote.body()).get("id").asLong();
                        if (votes.putIfAbsent(id, comment) != null) {
                            reused.add("feedback id " + id + " handed out again");
                        }
                        cycleVotes.put(id, comment);
                    }
                }
                if (r.nextInt(6) == 0) {
                    String query = "Iran talks " + r.nextInt(1_000_000);
                    HttpResponse<String> made = send("POST", url + "/api/watches",
                            Map.of("query", query, "webhookUrl", "http://127.0.0.1:9/hook"));
                    if (made.statusCode() == 201) {
                        watches.put(JSON.readTree(made.body()).get("id").asText(), query);
                    }
                }
                if (r.nextInt(4) == 0) {
                    conversation = null;
                    count = 0;
                }
            } catch (IOException e) {
                return; // the server is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Every turn and vote acknowledged in this cycle, and a sample of earlier ones, as they were acknowledged. */
    private List<String> check(String url) throws Exception {
        List<String> lost = new ArrayList<>();
        Map<String, Integer> toCheck = new HashMap<>(cycleTurns);
        List<String> earlier = new ArrayList<>(turns.keySet());
        Collections.shuffle(earlier, random);
        earlier.stream().limit(20).forEach(id -> toCheck.putIfAbsent(id, turns.get(id)));
        for (var e : toCheck.entrySet()) {
            HttpResponse<String> r = send("GET", url + "/api/conversations/" + e.getKey(), null);
            int stored = r.statusCode() == 200 ? JSON.readTree(r.body()).get("turns").size() : 0;
            if (stored < e.getValue()) {
                lost.add("conversation " + e.getKey() + ": " + e.getValue() + " turns acknowledged, " + stored + " stored");
            }
        }
        Map<Long, String> stored = new HashMap<>();
        for (JsonNode f : JSON.readTree(send("GET", url + "/api/feedback?limit=1000", null).body()).get("feedback")) {
            stored.put(f.get("id").asLong(), f.path("comment").asText());
        }
        for (var v : cycleVotes.entrySet()) {
            if (!v.getValue().equals(stored.get(v.getKey()))) {
                lost.add("feedback " + v.getKey() + " (\"" + v.getValue() + "\"): " + (stored.containsKey(v.getKey())
                        ? "now names \"" + stored.get(v.getKey()) + "\"" : "missing"));
            }
        }
        Map<String, String> storedWatches = new HashMap<>();
        for (JsonNode w : JSON.readTree(send("GET", url + "/api/watches", null).body()).get("watches")) {
            storedWatches.put(w.get("id").asText(), w.get("query").asText());
        }
        for (var w : watches.entrySet()) {
            if (!w.getValue().equals(storedWatches.get(w.getKey()))) {
                lost.add("watch " + w.getKey() + " (\"" + w.getValue() + "\") missing");
            }
        }
        return lost;
    }

    private HttpResponse<String> send(String method, String url, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
