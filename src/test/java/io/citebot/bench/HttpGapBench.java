package io.citebot.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.citebot.Citebot;
import io.citebot.answer.Answer;
import io.citebot.chat.AnswerObserver;
import io.citebot.chat.Conversations;
import io.citebot.chat.SearchOptions;
import io.citebot.config.Config;
import io.citebot.config.RetrievalMode;
import io.citebot.eval.EvalQuery;
import io.citebot.eval.QueryFile;
import io.citebot.http.HttpServer;
import io.citebot.index.Filters;
import io.citebot.json.Json;
import io.citebot.web.WebDoor;
import io.javalin.Javalin;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * Not part of the suite: what {@code POST /api/chat} adds to a question, measured in one process so that the machine's
 * drift between runs (on a shared machine the embedding's p50 moved from 5.4 to 10 ms between two runs of
 * {@code AskBench}) cancels out. The real server (Javalin, the web door, the conversation store on disk) listens on
 * loopback in the same JVM, and each question is asked three ways back to back, in a random order:
 * <ol>
 *   <li><b>in process</b>: {@code ChatService.answerWithHits}, what {@code citebot eval} and {@code AskBench} time;</li>
 *   <li><b>stored</b>: {@code ChatService.ask} on a new conversation, the same plus storing the turn durably;</li>
 *   <li><b>HTTP</b>: {@code POST /api/chat} on one kept-alive connection, from a bare socket (the server's part
 *       alone), or with {@code -Dgap.jdkClient=true} from the JDK's {@link HttpClient}.</li>
 * </ol>
 * Prints each way's p50 / p99, the medians of the per-question differences (HTTP less in process is the issue's
 * "in-process + 1.5 ms"; stored less in process is the turn's storage; HTTP less stored is what HTTP adds), each way's
 * stage medians, and for scale the round trip of citebot's {@code /health} and of a bare Javalin's one route, back to
 * back and after a pause as long as a question.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/citebot.jar:target/test-classes io.citebot.bench.HttpGapBench \
 *      DATA/eval/HASH QUERIES.jsonl [ROUNDS]
 * </pre>
 * The conversations asked are stored in {@code DATA/eval/HASH}'s conversation database (an eval folder is scratch).
 */
public final class HttpGapBench {

    private static final boolean JDK_CLIENT = Boolean.getBoolean("gap.jdkClient");
    private static final String[] STAGES = {"embedding", "retrieval", "composition", "storage"};
    private static final String[] WAYS = {"in process", "stored", "HTTP"};
    /** A question's length, about: the pause after which both sides of a connection have gone to sleep. */
    private static final long PAUSE_MILLIS = 12;

    private HttpGapBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: HttpGapBench EVAL_DATA_DIR QUERIES.jsonl [ROUNDS]");
            System.exit(2);
        }
        List<EvalQuery> questions = QueryFile.read(Path.of(args[1]));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Config config = Config.load(Map.of()).withDataDir(Path.of(args[0]));
        try (Citebot bot = Citebot.open(config, false)) {
            HttpServer web = HttpServer.builder(bot.chat()).loopbackOnly(true).publicUrl("http://localhost")
                    .api(config.api()).door(new WebDoor(bot.chat(), bot.articles(), bot.watches())).build();
            web.javalin().start("127.0.0.1", 0);
            try (Socket socket = new Socket("127.0.0.1", web.javalin().port())) {
                socket.setTcpNoDelay(true);
                new Run(bot, web.javalin().port(), socket).ask(questions, rounds);
                floors(socket);
            } finally {
                web.stopGracefully();
            }
        }
    }

    /** The questions asked three ways, and what each way took. */
    private static final class Run {
        private final Citebot bot;
        private final int port;
        private final Socket socket;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final Map<String, LongAdder> stageNanos = new ConcurrentHashMap<>();
        private final List<double[]> times = new ArrayList<>(); // {in process, stored, HTTP} per question asked
        private final List<double[][]> stages = new ArrayList<>(); // [way][stage] per question asked

        Run(Citebot bot, int port, Socket socket) {
            this.bot = bot;
            this.port = port;
            this.socket = socket;
            bot.chat().addObserver(new AnswerObserver() {
                @Override
                public void answered(Answer answer, long retrievalNanos, long answerNanos, boolean modelUsed) {
                }

                @Override
                public void stage(String stage, long nanos) {
                    stageNanos.computeIfAbsent(stage, k -> new LongAdder()).add(nanos);
                }
            });
        }

        void ask(List<EvalQuery> questions, int rounds) throws Exception {
            Random random = new Random(42);
            double[] serverBefore = null;
            for (int r = 0; r <= rounds; r++) { // round 0 warms up
                if (r == 1) {
                    serverBefore = serverTime();
                }
                for (EvalQuery q : questions) {
                    double[] t = new double[WAYS.length];
                    double[][] st = new double[WAYS.length][STAGES.length];
                    for (int way : shuffled(random)) { // so that no way always runs on the warmest caches
                        stageNanos.clear();
                        t[way] = askOneWay(way, q);
                        for (int k = 0; k < STAGES.length; k++) {
                            LongAdder a = stageNanos.get(STAGES[k]);
                            st[way][k] = a == null ? 0 : a.sum() / 1e6;
                        }
                    }
                    if (r > 0) {
                        times.add(t);
                        stages.add(st);
                    }
                }
            }
            double[] serverAfter = serverTime();
            print(questions.size(), rounds, (serverAfter[0] - serverBefore[0]) / (serverAfter[1] - serverBefore[1]) * 1000);
        }

        /** One question one way; its time in ms. */
        private double askOneWay(int way, EvalQuery q) throws Exception {
            SearchOptions options = new SearchOptions(RetrievalMode.HYBRID, Filters.NONE, q.questionDate());
            if (way == 2) {
                ObjectNode body = Json.object().put("question", q.question()).put("mode", "hybrid");
                if (q.questionDate() != null) {
                    body.put("now", q.questionDate().toString());
                }
                long t0 = System.nanoTime();
                int status = JDK_CLIENT ? client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/chat"))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()
                        : Bare.exchange(socket, Bare.post("/api/chat", body.toString()));
                double millis = (System.nanoTime() - t0) / 1e6;
                if (status != 200) {
                    throw new IllegalStateException("POST /api/chat answered " + status);
                }
                return millis;
            }
            // on a thread of its own, as the server's deadline runs a question: the embedder remembers each thread's
            // last question, and each way must embed its own
            long[] nanos = new long[1];
            Thread.ofVirtual().start(() -> {
                long t0 = System.nanoTime();
                if (way == 0) {
                    bot.chat().answerWithHits(q.question(), options);
                } else {
                    bot.chat().ask(Conversations.LOCAL_OWNER, q.question(), null, options);
                }
                nanos[0] = System.nanoTime() - t0;
            }).join();
            return nanos[0] / 1e6;
        }

        private static int[] shuffled(Random random) {
            int[] order = {0, 1, 2};
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int s = order[i];
                order[i] = order[j];
                order[j] = s;
            }
            return order;
        }

        /** The sum (seconds) and count of the server's own timer of {@code POST /api/chat} answered 200, from /metrics. */
        private double[] serverTime() throws Exception {
            String text = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double[] sumCount = new double[2];
            for (String line : text.split("\n")) {
                if (line.startsWith("citebot_http_requests_seconds_") && line.contains("route=\"/api/chat\"")
                        && line.contains("method=\"POST\"") && line.contains("status=\"200\"")) {
                    double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    if (line.contains("_sum{")) {
                        sumCount[0] += v;
                    } else if (line.contains("_count{")) {
                        sumCount[1] += v;
                    }
                }
            }
            return sumCount;
        }

        private void print(int n, int rounds, double serverMean) throws IOException {
            double[] inProcess = column(t -> t[0]);
            double[] stored = column(t -> t[1]);
            double[] http = column(t -> t[2]);
            System.out.printf("%d questions x %d rounds, %d passages, %s%n", n, rounds, bot.index().passageCount(),
                    JDK_CLIENT ? "the JDK's HttpClient" : "a bare socket");
            System.out.printf("in process p50 %.2f p99 %.2f ms; stored p50 %.2f p99 %.2f ms; HTTP p50 %.2f p99 %.2f ms%n",
                    AskBench.pct(inProcess, 0.5), AskBench.pct(inProcess, 0.99), AskBench.pct(stored, 0.5),
                    AskBench.pct(stored, 0.99), AskBench.pct(http, 0.5), AskBench.pct(http, 0.99));
            System.out.printf("paired medians: HTTP - in process %+.2f ms; stored - in process %+.2f ms; HTTP - stored %+.2f ms%n",
                    AskBench.pct(column(t -> t[2] - t[0]), 0.5), AskBench.pct(column(t -> t[1] - t[0]), 0.5),
                    AskBench.pct(column(t -> t[2] - t[1]), 0.5));
            for (int w = 0; w < WAYS.length; w++) {
                StringBuilder line = new StringBuilder(WAYS[w] + " stage medians:");
                for (int k = 0; k < STAGES.length; k++) {
                    int way = w;
                    int stage = k;
                    line.append(String.format(" %s %.2f", STAGES[k], AskBench.pct(stages.stream().mapToDouble(s -> s[way][stage]).toArray(), 0.5)));
                }
                System.out.println(line + " ms");
            }
            System.out.printf("means: in process %.2f, stored %.2f, HTTP %.2f ms, the server's own %.2f ms (its timer of POST /api/chat)%n",
                    Arrays.stream(inProcess).average().orElse(0), Arrays.stream(stored).average().orElse(0),
                    Arrays.stream(http).average().orElse(0), serverMean);
        }

        private double[] column(ToDoubleFunction<double[]> f) {
            return times.stream().mapToDouble(f).toArray();
        }
    }

    /** For scale: citebot's {@code /health} and a bare Javalin's one route, back to back and after a pause. */
    private static void floors(Socket citebot) throws Exception {
        double[][] health = roundTrips(citebot, Bare.get("/health"));
        System.out.printf("citebot GET /health: p50 %.2f ms back to back, %.2f ms after a pause of %d ms%n",
                AskBench.pct(health[0], 0.5), AskBench.pct(health[1], 0.5), PAUSE_MILLIS);
        for (boolean virtualThreads : new boolean[] {true, false}) {
            Javalin bare = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.concurrency.useVirtualThreads = virtualThreads;
                c.routes.get("/ping", ctx -> ctx.result("{\"ok\":true}"));
            }).start("127.0.0.1", 0);
            try (Socket socket = new Socket("127.0.0.1", bare.port())) {
                socket.setTcpNoDelay(true);
                double[][] ping = roundTrips(socket, Bare.get("/ping"));
                System.out.printf("a bare Javalin (virtual threads %s) GET /ping: p50 %.2f ms back to back, %.2f ms after a pause of %d ms%n",
                        virtualThreads, AskBench.pct(ping[0], 0.5), AskBench.pct(ping[1], 0.5), PAUSE_MILLIS);
            } finally {
                bare.stop();
            }
        }
    }

    /** 300 round trips back to back and 300 after a pause, alternating, after 100 of each to warm up. */
    private static double[][] roundTrips(Socket socket, byte[] request) throws Exception {
        double[][] times = new double[2][300];
        for (int i = 0; i < 800; i++) {
            boolean paused = i % 2 == 1;
            if (paused) {
                Thread.sleep(PAUSE_MILLIS);
            }
            long t0 = System.nanoTime();
            int status = Bare.exchange(socket, request);
            if (status != 200) {
                throw new IllegalStateException("answered " + status);
            }
            if (i >= 200) {
                times[paused ? 1 : 0][(i - 200) / 2] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return times;
    }

    /** HTTP/1.1 on a bare socket: what a request costs the server, with as little of a client's own as can be. */
    private static final class Bare {

        static byte[] get(String path) {
            return ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        static byte[] post(String path, String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] whole = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, whole, head.length, body.length);
            return whole;
        }

        /** Sends a request and reads its whole response (a Content-Length or chunked body); returns its status. */
        static int exchange(Socket socket, byte[] request) throws IOException {
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            String status = line(in);
            long length = 0;
            boolean chunked = false;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
                    in.readNBytes((int) size);
                    line(in);
                }
                line(in);
            } else {
                in.readNBytes((int) length);
            }
            return Integer.parseInt(status.split(" ")[1]);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("the server closed the connection");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
    }
}
