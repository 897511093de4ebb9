package io.citebot;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DATA/server.json}: which server holds this data folder, where it listens, and a token that only someone
 * who can read the folder knows (the file is its owner's only). {@code citebot backup} uses it to ask the server
 * that holds <em>its</em> data folder, not whatever answers on the configured port.
 *
 * @param token proves to the server that the caller can read its data folder
 */
public record ServerFile(long pid, String url, String dataDir, String token) {

    public static final String NAME = "server.json";

    /** A new token, for a server about to say where it listens. */
    public static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Writes the file for this process (replacing an old one whole), readable by its owner only. */
    public static void write(Path dataDir, String url, String token) throws IOException {
        Files.createDirectories(dataDir);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("url", url);
        m.put("dataDir", dataDir.toRealPath().toString());
        m.put("token", token);
        Path tmp = dataDir.resolve(NAME + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(tmp, Json.mapper().writeValueAsString(m));
        Files.move(tmp, dataDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes this process's file when it stops (a later server's is left alone). */
    public static void remove(Path dataDir) {
        read(dataDir).filter(f -> f.pid() == ProcessHandle.current().pid()).ifPresent(f -> {
            try {
                Files.deleteIfExists(dataDir.resolve(NAME));
            } catch (IOException e) {
                // a stale file names a process that is gone, which readers check
            }
        });
    }

    /** The file of the server that holds this data folder, if one says so and its process is alive. */
    public static Optional<ServerFile> read(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(file.toFile());
            ServerFile f = new ServerFile(n.path("pid").asLong(), n.path("url").asText(), n.path("dataDir").asText(),
                    n.path("token").asText());
            return ProcessHandle.of(f.pid()).filter(ProcessHandle::isAlive).isPresent() ? Optional.of(f) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
