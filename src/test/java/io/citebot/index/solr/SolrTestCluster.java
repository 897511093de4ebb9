package io.citebot.index.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The 2-node SolrCloud of {@code scripts/solr-cluster}, started once per test run (in its own state folder, so a
 * cluster a developer keeps running is not touched) and stopped when the JVM exits.
 */
final class SolrTestCluster {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DIR = ROOT.resolve("target/solr-test-cluster");
    private static String urls;
    /** The cluster asks every request for this user, as a production one should. */
    static final String USER = "citebot";
    static final String PASSWORD = "test-password-0123";

    private SolrTestCluster() {
    }

    private static IOException failed;

    /**
     * The node URLs, comma-separated, starting the cluster on first use. Where it cannot start (Solr's artifacts
     * not in the local Maven repository and no network), the tests that need it are skipped, except in CI.
     */
    static synchronized String urls() throws IOException, InterruptedException {
        if (failed != null) {
            throw skipOrFail(failed);
        }
        try {
            return start();
        } catch (IOException e) {
            failed = e;
            throw skipOrFail(e);
        }
    }

    private static IOException skipOrFail(IOException e) {
        if (System.getenv("CI") == null) {
            Assumptions.abort("the Solr test cluster could not start: " + e.getMessage());
        }
        return e;
    }

    private static String start() throws IOException, InterruptedException {
        if (urls == null) {
            urls = script("start", "2").strip();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    script("stop");
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }));
        }
        return urls;
    }

    /** kill -9 of node N (1-based). */
    static void killNode(int n) throws IOException, InterruptedException {
        script("kill-node", Integer.toString(n));
    }

    static void startNode(int n) throws IOException, InterruptedException {
        script("start-node", Integer.toString(n));
    }

    private static String script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/solr-cluster").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("solr-cluster", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("CITEBOT_SOLR_CLUSTER_DIR", DIR.toString());
        pb.environment().put("CITEBOT_SOLR_TEST_AUTH", USER + ":" + PASSWORD);
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("scripts/solr-cluster " + String.join(" ", args) + " took more than 300 s");
        }
        String output = Files.readString(out);
        Files.delete(out);
        if (p.exitValue() != 0) {
            throw new IOException("scripts/solr-cluster " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + output);
        }
        List<String> lines = output.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
