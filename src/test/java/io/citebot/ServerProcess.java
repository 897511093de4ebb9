package io.citebot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real {@code citebot serve} in its own JVM on the seeds, on a free port, for tests that stop or kill it. */
final class ServerProcess {

    private ServerProcess() {
    }

    /** Starts {@code serve --port 0} on {@code data}; its output is appended to {@code data}-server.log. */
    static Process start(Path data, String classpath, Map<String, String> env) throws IOException {
        Files.createDirectories(data);
        Files.deleteIfExists(data.resolve(ServerFile.NAME));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-cp", classpath,
                "io.citebot.App", "serve", "--port", "0").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling(data.getFileName() + "-server.log").toFile()));
        Map<String, String> all = new HashMap<>(Map.of("CITEBOT_DATA_DIR", data.toString(),
                "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toAbsolutePath().toString(),
                "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toAbsolutePath().toString(), "CITEBOT_LOG_LEVEL", "warn"));
        all.putAll(env);
        pb.environment().putAll(all);
        return pb.start();
    }

    /** The server's address once {@code /health} answers (from the server.json it writes when it listens). */
    static String awaitReady(Process server, Path data) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue() + "; see its log beside " + data);
            }
            var file = ServerFile.read(data).filter(f -> f.pid() == server.pid());
            if (file.isPresent()) {
                try {
                    var r = http.send(HttpRequest.newBuilder(URI.create(file.get().url() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return file.get().url();
                    }
                } catch (IOException e) {
                    // not yet
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not answer within 90 s");
    }
}
