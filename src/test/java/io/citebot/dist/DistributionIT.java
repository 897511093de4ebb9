package io.citebot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release archive as a user gets it: unpacked with tar, run through its launcher from another folder. */
class DistributionIT {

    @TempDir
    static Path tmp;

    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        Path archive = Path.of("target", "citebot-" + version + ".tar.gz").toAbsolutePath();
        assertThat(archive).exists();
        assertThat(run(List.of("tar", "xzf", archive.toString(), "-C", tmp.toString()), Map.of()).exit).isZero();
        home = tmp.resolve("citebot-" + version);
    }

    record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void should_hold_the_jar_the_launcher_prompts_seeds_and_readme() {
        assertThat(home.resolve("citebot.jar")).isRegularFile();
        assertThat(home.resolve("bin/citebot")).isExecutable();
        assertThat(home.resolve("prompts/answer.txt")).isRegularFile();
        assertThat(home.resolve("seeds")).isDirectoryContaining(p -> p.toString().endsWith(".txt"));
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("docs/api.md")).isRegularFile();
    }

    @Test
    void should_ship_runtime_libraries_for_every_platform_but_no_debug_symbols() throws Exception {
        List<String> names;
        try (var jar = new ZipFile(home.resolve("citebot.jar").toFile())) {
            names = jar.stream().map(ZipEntry::getName).toList();
        }
        assertThat(names).filteredOn(n -> n.endsWith(".pdb") || n.contains(".dSYM/")).isEmpty();
        assertThat(names).contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
                "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib",
                "ai/onnxruntime/native/win-x64/onnxruntime.dll");
        assertThat(Files.size(home.resolve("citebot.jar"))).isLessThan(130L << 20);
    }

    @Test
    void should_answer_a_question_through_the_launcher() throws Exception {
        Result r = run(List.of(home.resolve("bin/citebot").toString(), "ask", "What did Dmitry Peskov say about negotiations?"),
                Map.of("CITEBOT_SEEDS_DIR", home.resolve("seeds").toString(), "CITEBOT_DATA_DIR", tmp.resolve("data").toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Peskov").contains("[1]");
    }

    @Test
    void should_ask_no_outside_service_where_it_runs() throws Exception {
        // DJL (the tokenizer under LangChain4j) asked AWS's instance metadata service at every start, to report EC2
        // instances to AWS; its debug log showed it ("EC2 IMDSv2: 403 Forbidden", "Failed to get EC2 metadata")
        Result r = run(List.of(home.resolve("bin/citebot").toString(), "ask", "What did Putin offer?"),
                Map.of("CITEBOT_SEEDS_DIR", home.resolve("seeds").toString(), "CITEBOT_DATA_DIR", tmp.resolve("data-offline").toString(),
                        "CITEBOT_LOG_LEVEL", "debug"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Putin").contains("[1]");
        assertThat(r.err()).contains("Embedding model loaded").doesNotContain("EC2").doesNotContain("169.254");
    }

    @Test
    void should_say_plainly_when_no_jdk_21_is_found() throws Exception {
        // only a Java 17 (or nothing) to be found: the launcher must not start the jar
        String java17 = "/usr/lib/jvm/java-17-openjdk-amd64";
        Result r = run(List.of(home.resolve("bin/citebot").toString(), "--version"),
                Map.of("JAVA_HOME", java17, "PATH", "/usr/bin:/bin", "CITEBOT_JDK_SEARCH", ""));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("needs Java 21 or newer").doesNotContain("UnsupportedClassVersionError");
    }

    @Test
    void should_read_a_jdks_version_from_its_release_file_and_run_one_without_it() throws Exception {
        // a JDK folder whose java runs this test's own JDK (21 or newer)
        Path jdk = Files.createDirectories(tmp.resolve("jdk-wrapped/bin"));
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Map<String, String> env = Map.of("JAVA_HOME", jdk.getParent().toString(), "PATH", "/usr/bin:/bin", "CITEBOT_JDK_SEARCH", "");

        Result probed = run(List.of(home.resolve("bin/citebot").toString(), "--version"), env);
        assertThat(probed.exit()).as(probed.err()).isZero();
        assertThat(probed.out()).contains("citebot 0.1.0");

        // with a release file, the launcher reads it and does not run the JDK to ask
        Files.writeString(jdk.getParent().resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"17.0.2\"\n");
        Result read = run(List.of(home.resolve("bin/citebot").toString(), "--version"), env);
        assertThat(read.exit()).isEqualTo(2);
        assertThat(read.err()).contains("too old").contains("(Java 17)");
    }

    /** Starts {@code bin/citebot serve} on a free port and waits until it has indexed the seeds. */
    private static Process serve(int port, Path data) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/citebot").toString(), "serve", "--port", String.valueOf(port))
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("serve-" + System.nanoTime() + ".log").toFile());
        pb.environment().putAll(Map.of("CITEBOT_SEEDS_DIR", home.resolve("seeds").toString(), "CITEBOT_DATA_DIR", data.toString()));
        Process p = pb.start();
        var http = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.body().contains("\"ready\":true") && r.body().contains("\"articles\":2")) {
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("serve did not become ready");
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> chat(int port, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/chat")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_stop_cleanly_on_sigterm_and_lose_no_conversation() throws Exception {
        // given: a server that answered a question
        Path data = tmp.resolve("served");
        int port = freePort();
        Process server = serve(port, data);
        var first = chat(port, "{\"question\": \"What did Putin offer?\"}");
        assertThat(first.statusCode()).isEqualTo(200);
        String id = new ObjectMapper().readTree(first.body()).get("conversationId").asText();

        // when: SIGTERM, then a new server on the same data
        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped within the grace period").isTrue();
        Process again = serve(port, data);
        try {
            // then: the conversation goes on, and the index opened without a lock left behind
            var followUp = chat(port, "{\"question\": \"How did Iran respond to his offer?\", \"conversationId\": \"" + id + "\"}");
            assertThat(followUp.statusCode()).as(followUp.body()).isEqualTo(200);
            assertThat(followUp.body()).contains(id);
        } finally {
            again.destroy();
            again.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void should_stop_cleanly_on_a_signal_in_its_first_second() throws Exception {
        // ONNX Runtime's own shutdown hook, running while the model's session was being built, crashed the JVM
        // (exit 134) in 6 of 20 such starts before the signal waited for the load; and a first start, which writes
        // the JVM's class archive at exit, crashed in 21 of 70 stopped 0-0.3 s after its first line (a thread
        // linking a lambda while the JVM wrote the archive)
        Path data = tmp.resolve("stopped-early");
        for (int i = 0; i < 12; i++) {
            // given: a first start (a class archive of its own to write) on the seeds, stopped 0 to 0.88 s after the
            // JVM's first line (a signal before it, while the JVM boots its modules, can fail the JVM's own
            // initialisation: exit 1, before any code of ours runs)
            Path log = tmp.resolve("early-" + i + ".log");
            Path cache = tmp.resolve("early-cache-" + i);
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/citebot").toString(), "serve", "--port", "0")
                    .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(Map.of("CITEBOT_SEEDS_DIR", home.resolve("seeds").toString(), "CITEBOT_DATA_DIR", data.toString(),
                    "CITEBOT_CACHE_DIR", cache.toString()));
            Process p = pb.start();
            for (int wait = 0; Files.size(log) == 0 && wait < 3000; wait++) {
                Thread.sleep(5);
            }
            Thread.sleep(80L * i);

            // when: SIGTERM
            p.destroy();

            // then: it ends as a stopped JVM does (128 + 15), not with a crash
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(p.exitValue()).as("exit code of a start stopped %d ms after its first line:%n%s", 80 * i, Files.readString(log))
                    .isEqualTo(143);
        }
    }

    @Test
    void should_write_the_class_archive_again_when_its_run_ended_before_its_start_up() throws Exception {
        // given: an archive written by a run that never opened the index (as one a signal ends in its first tenth of
        // a second): a valid archive without most of the classes a question needs (8 MB against 21 MB)
        Path cache = tmp.resolve("short-archive-cache");
        Map<String, String> env = Map.of("CITEBOT_SEEDS_DIR", home.resolve("seeds").toString(),
                "CITEBOT_DATA_DIR", tmp.resolve("data-archive").toString(), "CITEBOT_CACHE_DIR", cache.toString());
        assertThat(run(List.of(home.resolve("bin/citebot").toString(), "--version"), env).exit()).isZero();
        Path archive;
        try (var files = Files.list(cache)) {
            archive = files.filter(f -> f.toString().endsWith(".jsa")).findFirst().orElseThrow();
        }
        long shortSize = Files.size(archive);
        assertThat(archive.resolveSibling(archive.getFileName() + ".started")).doesNotExist();

        // when: a question
        Result r = run(List.of(home.resolve("bin/citebot").toString(), "ask", "What did Putin offer?"), env);

        // then: the archive was written again, with the classes of a whole start, and marked as such
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(archive.resolveSibling(archive.getFileName() + ".started")).exists();
        assertThat(Files.size(archive)).isGreaterThan(2 * shortSize);
        long whole = Files.size(archive);
        assertThat(run(List.of(home.resolve("bin/citebot").toString(), "ask", "What did Putin offer?"), env).exit()).isZero();
        assertThat(Files.size(archive)).as("kept once whole").isEqualTo(whole);
    }

    @Test
    void should_lose_and_duplicate_nothing_when_an_ingest_is_killed() throws Exception {
        // given: 400 articles, enough for an ingest of many seconds that commits along the way
        Path articles = Files.createDirectories(tmp.resolve("many"));
        String[] places = {"harbour", "bridge", "library", "station", "market", "stadium", "museum", "school"};
        for (int i = 0; i < 400; i++) {
            String place = places[i % places.length];
            Files.writeString(articles.resolve("a" + i + ".txt"), "The " + place + " of town " + i + " reopened\n\n"
                    + "Town " + i + " reopened its " + place + " on day " + (i % 28 + 1) + " after repairs that cost " + (i * 7 + 3)
                    + " thousand euros. The mayor of town " + i + " said the " + place + " would stay open late. Residents of town "
                    + i + " had waited " + (i % 11 + 2) + " months for it. Workers replaced the roof and " + (i % 5 + 1)
                    + " windows, and painted the walls of the " + place + " blue.\n");
        }
        Map<String, String> crashed = Map.of("CITEBOT_DATA_DIR", tmp.resolve("crashed").toString(), "CITEBOT_SEEDS_DIR", articles.toString());
        Map<String, String> clean = Map.of("CITEBOT_DATA_DIR", tmp.resolve("clean").toString(), "CITEBOT_SEEDS_DIR", articles.toString());

        // when: kill -9 in the middle of an ingest, then ingest again
        ProcessBuilder killedIngest = new ProcessBuilder(home.resolve("bin/citebot").toString(), "ingest", articles.toString())
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile());
        killedIngest.environment().putAll(crashed);
        Process p = killedIngest.start(); // the launcher execs java, so this is the JVM itself
        Thread.sleep(6000);
        boolean killed = p.isAlive();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Result resumed = run(List.of(home.resolve("bin/citebot").toString(), "ingest", articles.toString()), crashed);
        Result fresh = run(List.of(home.resolve("bin/citebot").toString(), "ingest", articles.toString()), clean);

        // then: the same articles and the same answers as a clean ingest
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(fresh.exit()).as(fresh.err()).isZero();
        for (String q : new String[] {"How much did the repairs of the museum of town 77 cost?", "Which town painted its stadium blue?",
                "How long did residents of town 301 wait?"}) {
            Result a = run(List.of(home.resolve("bin/citebot").toString(), "ask", "--json", q), crashed);
            Result b = run(List.of(home.resolve("bin/citebot").toString(), "ask", "--json", q), clean);
            assertThat(a.out()).as(q).isEqualTo(b.out()).contains("[1]");
        }
        Result listA = run(List.of(home.resolve("bin/citebot").toString(), "search", "--articles", "-k", "100", "reopened"), crashed);
        Result listB = run(List.of(home.resolve("bin/citebot").toString(), "search", "--articles", "-k", "100", "reopened"), clean);
        assertThat(listA.out()).isEqualTo(listB.out());
        System.out.println("ingest killed mid-way: " + killed);
    }
}
