package io.citebot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    }

    @Test
    void should_answer_a_question_through_the_launcher() throws Exception {
        Result r = run(List.of(home.resolve("bin/citebot").toString(), "ask", "What did Dmitry Peskov say about negotiations?"),
                Map.of("CITEBOT_SEEDS_DIR", home.resolve("seeds").toString(), "CITEBOT_DATA_DIR", tmp.resolve("data").toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Peskov").contains("[1]");
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
}
