package io.citebot.chat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL on loopback, from Debian's packages: {@code initdb} into a temporary folder, started on a
 * free port with trust authentication, stopped and deleted by {@link #close}. As root the server runs as the
 * {@code postgres} user (PostgreSQL refuses to run as root).
 */
public final class PostgresServer implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;

    /** The newest installed PostgreSQL's programs, if any. */
    public static Optional<Path> installed() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public PostgresServer(Path bin) throws Exception {
        this.bin = bin;
        this.asRoot = "root".equals(System.getProperty("user.name"));
        this.dir = Files.createTempDirectory("citebot-pg");
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        if (asRoot) {
            run("chown", "postgres:postgres", dir.toString());
        }
        run(pg("initdb"), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "citebot", "--no-sync");
        run(pg("pg_ctl"), "-D", dir.resolve("data").toString(), "-w", "-l", dir.resolve("log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        run(pg("createdb"), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "citebot", "citebot");
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/citebot";
    }

    private String pg(String program) {
        return bin.resolve(program).toString();
    }

    private void run(String... command) throws Exception {
        List<String> c = new ArrayList<>();
        if (asRoot && !command[0].equals("chown")) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", c) + " failed: " + out);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run(pg("pg_ctl"), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
