package io.citebot.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation database's H2 file, made durable. H2 writes what it committed to its file up to a second later,
 * and after a {@code kill -9} the file it left cannot be trusted (rows were lost even with a {@code CHECKPOINT SYNC}
 * after each write, and replaying into it failed on locks the dead process left). So:
 * <ul>
 *   <li>every acknowledged write is also appended to the {@link Journal} ({@code FILE.journal}) and synced first;</li>
 *   <li>each clean close copies the file to the base ({@code FILE.base.mv.db}) and empties the journal;</li>
 *   <li>while the file is open, a marker ({@code FILE.dirty}) says so; finding it at open means a crash: the file
 *       is rebuilt from the base and the journal, closed cleanly, and made the new base.</li>
 * </ul>
 * Not thread-safe: {@link Conversations} calls it under its lock, except {@link #awaitDurable}.
 */
final class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The journal is emptied (after a clean close and reopen of H2) when it grows past this. */
    static final long JOURNAL_ROTATE_BYTES = 16L * 1024 * 1024;
    static final String BACKUP_BASE = "conversations.base.mv.db";
    static final String BACKUP_JOURNAL = "conversations.journal";

    /** What the owner does with a connection: its tables, or a journaled write to redo. */
    interface Schema {
        void create(Connection c) throws SQLException;

        /** Writes a journaled entry again if the database lacks it; returns the rows written. */
        int replay(Connection c, JsonNode entry) throws SQLException;
    }

    private final Path file;
    private final Schema schema;
    private final Journal journal;
    private Connection connection;

    /** @param file the database file, without H2's ".mv.db" */
    EmbeddedDatabase(Path file, Schema schema) {
        this.file = file;
        this.schema = schema;
        this.journal = new Journal(journalFile(file));
    }

    /** The journal beside an H2 database file (without H2's ".mv.db"). */
    static Path journalFile(Path file) {
        return sibling(file, ".journal");
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** The open connection, the file opened (and rebuilt after a crash) on first use. */
    Connection connection() throws SQLException {
        if (connection == null) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                if (Files.exists(sibling(file, ".dirty"))) {
                    recover();
                }
                if (!Files.exists(sibling(file, ".dirty"))) {
                    Files.createFile(sibling(file, ".dirty"));
                }
            } catch (IOException e) {
                throw new SQLException("conversation database " + file + ": " + e.getMessage(), e);
            }
            connection = connect();
            schema.create(connection);
        }
        return connection;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "citebot", "");
    }

    /**
     * Makes a write just committed durable before it is acknowledged: the journal gets it, synced. A journal grown
     * past {@link #JOURNAL_ROTATE_BYTES} is emptied after H2 is closed cleanly and opened again.
     */
    void journal(ObjectNode entry) throws SQLException {
        awaitDurable(journalLater(entry));
    }

    /**
     * As {@link #journal}, without waiting for the disk: returns the entry's ticket for {@link #awaitDurable}, which
     * the caller may wait for after letting go of its lock (writers that come together then share a sync).
     */
    long journalLater(ObjectNode entry) throws SQLException {
        long ticket = journal.write(entry);
        if (journal.bytes() > JOURNAL_ROTATE_BYTES) {
            close(); // H2 stores everything and becomes the base: the journal's entries count as durable
            connection();
        }
        return ticket;
    }

    /** Returns once the journal entry of this ticket is on disk (this class's one method callers need not lock for). */
    void awaitDurable(long ticket) {
        journal.awaitDurable(ticket);
    }

    /** After a failed write: H2 is let go without a checkpoint, so the next use rebuilds it from base and journal. */
    void abandon() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // rebuilt on the next use
            }
            connection = null;
        }
    }

    /** Closes H2 cleanly (it stores everything); the file becomes the base and the journal is emptied. */
    void close() throws SQLException {
        if (connection == null) {
            return;
        }
        connection.close();
        connection = null;
        try {
            checkpointBase();
        } catch (IOException e) {
            throw new SQLException("conversation database " + file + ": " + e.getMessage(), e);
        }
    }

    /** The base and the journal make the database again, after a crash. */
    private void recover() throws SQLException, IOException {
        Path live = sibling(file, ".mv.db");
        Path base = sibling(file, ".base.mv.db");
        Files.deleteIfExists(live);
        Files.deleteIfExists(sibling(file, ".trace.db"));
        if (Files.exists(base)) {
            Files.copy(base, live);
        }
        int replayed;
        try (Connection c = connect()) {
            schema.create(c);
            replayed = replay(c);
        }
        checkpointBase();
        log.info("The conversation database was rebuilt after an unclean stop: its last clean copy and {} journaled writes", replayed);
    }

    private int replay(Connection c) throws SQLException {
        int rows = 0;
        for (JsonNode e : journal.entries()) {
            rows += schema.replay(c, e);
        }
        // ids of votes written again with their own ids: the next one continues after them
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM feedback")) {
            rs.next();
            st.execute("ALTER TABLE feedback ALTER COLUMN id RESTART WITH " + rs.getLong(1));
        }
        return rows;
    }

    /** The file H2 just closed cleanly becomes the base; the journal, which it now holds, is emptied; then not dirty. */
    private void checkpointBase() throws IOException {
        Path live = sibling(file, ".mv.db");
        Path tmp = sibling(file, ".base.mv.db.tmp");
        if (Files.exists(live)) {
            Files.copy(live, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (var f = new RandomAccessFile(tmp.toFile(), "rw")) {
                f.getFD().sync(); // not a FileChannel: an interrupt of the calling request would close it
            }
            Files.move(tmp, sibling(file, ".base.mv.db"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        journal.reset();
        Files.deleteIfExists(sibling(file, ".dirty"));
    }

    /**
     * Writes a consistent copy into {@code dir}: the last clean copy and the journal of every acknowledged write
     * since ({@link #restore} puts them back; the first open rebuilds the database from them).
     */
    void backup(Path dir) {
        try {
            Path base = sibling(file, ".base.mv.db");
            if (Files.exists(base)) {
                Files.copy(base, dir.resolve(BACKUP_BASE));
            }
            journal.copyTo(dir.resolve(BACKUP_JOURNAL));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code dir} holds a backup written by {@link #backup}. */
    static boolean inBackup(Path dir) {
        return Files.isRegularFile(dir.resolve(BACKUP_BASE)) || Files.isRegularFile(dir.resolve(BACKUP_JOURNAL));
    }

    /** Puts a {@link #backup} back as the database {@code file} (which must not exist); it is rebuilt when it opens. */
    static void restore(Path dir, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.isRegularFile(dir.resolve(BACKUP_BASE))) {
            Files.copy(dir.resolve(BACKUP_BASE), sibling(file, ".base.mv.db"));
        }
        if (Files.isRegularFile(dir.resolve(BACKUP_JOURNAL))) {
            Files.copy(dir.resolve(BACKUP_JOURNAL), journalFile(file));
        }
        Files.createFile(sibling(file, ".dirty"));
    }
}
