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
 *
 * <p>Writers that come together share a sync (group commit): {@link #write} appends an entry and returns its ticket,
 * {@link #awaitDurable} returns once a sync has covered it. One writer at a time syncs everything written so far;
 * those who wrote meanwhile wait for it and are covered by the next one. So a caller need not hold its own lock
 * through the disk's sync, and under load many entries cost one sync.
 */
final class Journal implements Closeable {

    private static final ObjectMapper JSON = Json.mapper();

    private final Path file;
    /** A stream, not a FileChannel: an interrupted request thread (a deadline) would close a channel for everyone. */
    private FileOutputStream out;
    private long bytes;
    /** Bytes written by this process, over every reset: an entry's ticket is this count just after it. */
    private long written;
    /** Held by the one writer syncing (and by a reset); taken before this journal's own monitor, never after. */
    private final Object syncing = new Object();
    /** The tickets up to this one are on disk; guarded by {@link #syncing}. */
    private long synced;
    /** Syncs done (for tests and benchmarks). */
    private long syncs;

    Journal(Path file) {
        this.file = file;
    }

    /**
     * Appends an entry without waiting for the disk; returns its ticket for {@link #awaitDurable}. A write that fails
     * (a full disk) throws, and the entry is not in the journal.
     */
    synchronized long write(ObjectNode entry) {
        try {
            if (out == null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                out = new FileOutputStream(file.toFile(), true);
                bytes = Files.size(file);
            }
            byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            bytes += line.length;
            written += line.length;
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("conversation journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns once the entry of this ticket is on disk: synced by this caller, or by another who synced after it was written. */
    void awaitDurable(long ticket) {
        synchronized (syncing) {
            if (synced >= ticket) {
                return; // a writer who synced while this one waited covered it
            }
            long upTo;
            FileOutputStream o;
            synchronized (this) {
                upTo = written;
                o = out;
            }
            try {
                if (o != null) {
                    o.getFD().sync();
                } else if (Files.exists(file)) {
                    // closed since it was written (not by a reset, which counts everything as synced): any descriptor
                    // of the file syncs what was written to it
                    try (var f = new RandomAccessFile(file.toFile(), "rw")) {
                        f.getFD().sync();
                    }
                }
                syncs++;
            } catch (IOException e) {
                throw new UncheckedIOException("conversation journal " + file + ": " + e.getMessage(), e);
            }
            synced = upTo;
        }
    }

    /** How many syncs this journal has done. */
    long syncs() {
        synchronized (syncing) {
            return syncs;
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

    /**
     * Empties the journal: everything in it is in a database file that was closed cleanly, so every ticket given so
     * far counts as durable.
     */
    void reset() {
        synchronized (syncing) {
            synchronized (this) {
                try {
                    close();
                    if (Files.exists(file)) {
                        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
                            f.setLength(0);
                            f.getFD().sync();
                        }
                    }
                    bytes = 0;
                    synced = written;
                } catch (IOException e) {
                    throw new UncheckedIOException("conversation journal " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** A copy of the journal as it is now (for a backup). */
    synchronized void copyTo(Path target) throws IOException {
        if (Files.isRegularFile(file)) {
            Files.copy(file, target);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (syncing) { // not under a writer's sync
            synchronized (this) {
                if (out != null) {
                    out.close();
                    out = null;
                }
            }
        }
    }
}
