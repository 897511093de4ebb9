package io.citebot.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.citebot.json.Json;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The write-ahead journal of the embedded conversation database: every acknowledged turn and vote is appended here
 * as one JSON line and synced to disk before it is acknowledged. H2 keeps its own file only eventually consistent
 * with what it committed (a {@code kill -9} lost acknowledged rows in 4 of 200 cycles even with a
 * {@code CHECKPOINT SYNC} after each write), so after a crash the rows it lost are written again from here. The
 * journal is emptied whenever H2 has just been closed cleanly (which stores everything), and a torn last line (a
 * crash in mid-write, never acknowledged) is ignored.
 */
final class Journal implements Closeable {

    private static final ObjectMapper JSON = Json.mapper();

    private final Path file;
    /** A stream, not a FileChannel: an interrupted request thread (a deadline) would close a channel for everyone. */
    private FileOutputStream out;
    private long bytes;

    Journal(Path file) {
        this.file = file;
    }

    /** Appends an entry and syncs it to disk; it is durable when this returns. */
    synchronized void append(ObjectNode entry) {
        try {
            if (out == null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                out = new FileOutputStream(file.toFile(), true);
                bytes = Files.size(file);
            }
            byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            out.getFD().sync();
            bytes += line.length;
        } catch (IOException e) {
            throw new UncheckedIOException("conversation journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** How large the journal has grown. */
    synchronized long bytes() {
        return bytes;
    }

    /** Every complete entry, oldest first (a torn last line is left out). */
    synchronized List<JsonNode> entries() {
        List<JsonNode> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(JSON.readTree(line));
                } catch (IOException torn) {
                    break; // the write a crash cut short: it was never acknowledged
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("conversation journal " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    /** Empties the journal: everything in it is in a database file that was closed cleanly. */
    synchronized void reset() {
        try {
            close();
            if (Files.exists(file)) {
                try (var f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.setLength(0);
                    f.getFD().sync();
                }
            }
            bytes = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("conversation journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** A copy of the journal as it is now (for a backup). */
    synchronized void copyTo(Path target) throws IOException {
        if (Files.isRegularFile(file)) {
            Files.copy(file, target);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
