package io.citebot.chat;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Conversation memory in an embedded H2 database file under the data folder, so conversations survive restarts.
 * Only the most recent turns are read back (a window). The database opens on first use: one-shot commands
 * that never touch a conversation do not lock it.
 *
 * <p>Every write is on disk when its method returns: H2 keeps committed changes in memory for up to a second
 * before it writes them (a {@code kill -9} lost thousands of acknowledged rows in a test), and even a
 * {@code CHECKPOINT SYNC} after each write lost some in hundreds of kills; so each turn and vote is also appended to
 * a {@link Journal} synced to disk before the write returns, and what H2 lost is written again from it when the
 * database opens. A shared PostgreSQL commits durably by itself.
 *
 * <p>A conversation belongs to its owner, the caller that asked its first turn (an API key's principal,
 * {@link #LOCAL_OWNER} without keys, {@link #LINK_OWNER} for Slack threads): another owner neither reads nor
 * continues it.
 */
public final class Conversations implements Closeable {

    /** Expired conversations are deleted at most this often (and when the store opens). */
    static final java.time.Duration PRUNE_EVERY = java.time.Duration.ofHours(1);

    /** The owner of conversations started without API keys, and of those stored before owners were kept. */
    public static final String LOCAL_OWNER = "local";
    /**
     * The owner of conversations whose id is itself the secret (a Slack thread's: an HMAC of the thread with the
     * signing secret): whoever holds the id, from the thread's "Continue on the web" link, may read and continue it.
     */
    public static final String LINK_OWNER = "link";

    private final Path file;
    /** A shared database's JDBC URL, user and password (replicas), or null for the H2 file. */
    private final String url;
    private final String user;
    private final String password;
    private final int window;
    private final java.time.Duration ttl;
    private Connection connection;
    private long lastPrune;
    /** The embedded database's write-ahead journal (null for a shared database). */
    private final Journal journal;
    /** The journal is emptied (after a clean close and reopen of H2) when it grows past this. */
    static final long JOURNAL_ROTATE_BYTES = 16L * 1024 * 1024;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Conversations.class);

    /**
     * @param file   database file, without H2's ".mv.db" suffix
     * @param window how many recent turns {@link #recent} returns
     * @param ttl    a conversation is deleted this long after its last turn
     */
    public Conversations(Path file, int window, java.time.Duration ttl) {
        this(file, null, null, null, window, ttl);
    }

    private Conversations(Path file, String url, String user, String password, int window, java.time.Duration ttl) {
        this.file = file;
        this.url = url;
        this.user = user;
        this.password = password;
        this.window = window;
        this.ttl = ttl;
        this.journal = url == null ? new Journal(journalFile(file)) : null;
    }

    /** The journal beside an H2 database file (without H2's ".mv.db"). */
    public static Path journalFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".journal");
    }

    /**
     * Conversations and feedback in a database that several citebot replicas share (PostgreSQL), so a conversation
     * started on one continues on another. The tables are created when missing.
     */
    public static Conversations shared(String jdbcUrl, String user, String password, int window, java.time.Duration ttl) {
        return new Conversations(null, jdbcUrl, user, password, window, ttl);
    }

    /** Whether the database is this process's own H2 file (which {@link #backup} can copy). */
    public boolean embedded() {
        return url == null;
    }

    public Conversations(Path file, int window) {
        this(file, window, java.time.Duration.ofDays(30));
    }

    /** Whether a conversation with this id was started here by {@code owner} and has not expired. */
    public synchronized boolean exists(String conversationId, String owner) {
        try {
            pruneIfDue();
            try (PreparedStatement st = db().prepareStatement("SELECT 1 FROM turn WHERE conversation_id = ? AND seq = 1 AND "
                    + OWNER_IS)) {
                st.setString(1, conversationId);
                st.setString(2, owner);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("conversation store: " + e.getMessage(), e);
        }
    }

    /** Deletes the conversations whose last turn is older than the time to live; returns how many turns went. */
    public synchronized int prune() {
        try (PreparedStatement st = db().prepareStatement("DELETE FROM turn WHERE conversation_id IN (SELECT conversation_id FROM turn"
                + " GROUP BY conversation_id HAVING MAX(created_at) < ?)")) {
            st.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now().minus(ttl)));
            lastPrune = System.nanoTime();
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("conversation store: " + e.getMessage(), e);
        }
    }

    private void pruneIfDue() {
        if (lastPrune == 0 || System.nanoTime() - lastPrune > PRUNE_EVERY.toNanos()) {
            prune();
        }
    }

    /** The last {@code window} turns of a conversation, oldest first; empty for an unknown id. */
    public synchronized List<Turn> recent(String conversationId) {
        try (PreparedStatement st = db().prepareStatement(
                "SELECT question, searched_for, answer FROM turn WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?")) {
            st.setString(1, conversationId);
            st.setInt(2, window);
            List<Turn> turns = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    turns.add(new Turn(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            Collections.reverse(turns);
            return turns;
        } catch (SQLException e) {
            throw new IllegalStateException("conversation store: " + e.getMessage(), e);
        }
    }

    /** Appends a turn of the {@link #LOCAL_OWNER}'s conversation; returns its number within the conversation, from 1. */
    public synchronized int append(String conversationId, Turn turn) {
        return append(conversationId, LOCAL_OWNER, turn, "[]");
    }

    /**
     * Appends a turn with its citations (JSON, kept so that feedback can quote what the answer cited), on disk
     * when this returns; returns its number within the conversation, from 1.
     *
     * @param owner who started the conversation (checked by {@link #exists} before a turn is added to it)
     */
    public synchronized int append(String conversationId, String owner, Turn turn, String citationsJson) {
        try {
            try {
                return written(insert(conversationId, owner, turn, citationsJson));
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // another replica wrote a turn of this conversation at the same moment: take the next number
                return written(insert(conversationId, owner, turn, citationsJson));
            }
        } catch (SQLException | java.io.UncheckedIOException e) {
            throw failedWrite(e);
        }
    }

    /** Why the last write failed (a full disk), until a write works again; null when the last one worked. */
    private volatile String writeProblem;

    /** What keeps the store from writing now, for {@code /health}; null when writes work. */
    public String writeProblem() {
        return writeProblem;
    }

    <T> T written(T result) {
        writeProblem = null;
        return result;
    }

    /** A write failed: the caller is told it was not stored (503), and {@code /health} says why until one works. */
    StoreUnavailableException failedWrite(Exception e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        writeProblem = "conversation store cannot write: " + reason;
        log.warn("A conversation write failed and was not acknowledged: {}", reason);
        if (connection != null && url == null) {
            try {
                connection.close(); // H2 may hold the failed write in memory: reopen from the file and the journal
            } catch (SQLException ignored) {
                // the file is read again on the next write
            }
            connection = null;
        }
        return new StoreUnavailableException("the conversation could not be saved (" + reason + "); try again shortly", e);
    }

    private int insert(String conversationId, String owner, Turn turn, String citationsJson) throws SQLException {
        int seq;
        try (PreparedStatement st = db().prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM turn WHERE conversation_id = ?")) {
            st.setString(1, conversationId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                seq = rs.getInt(1);
            }
        }
        java.time.Instant now = java.time.Instant.now();
        try (PreparedStatement st = db().prepareStatement(
                "INSERT INTO turn (conversation_id, seq, question, searched_for, answer, citations, owner, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, conversationId);
            st.setInt(2, seq);
            st.setString(3, turn.question());
            st.setString(4, turn.searchedFor());
            st.setString(5, turn.answer());
            st.setString(6, citationsJson);
            st.setString(7, owner);
            st.setTimestamp(8, java.sql.Timestamp.from(now));
            st.executeUpdate();
        }
        journal(io.citebot.Json.mapper().createObjectNode().put("t", "turn").put("c", conversationId).put("s", seq)
                .put("o", owner).put("q", turn.question()).put("sf", turn.searchedFor()).put("a", turn.answer())
                .put("ci", citationsJson).put("at", now.toEpochMilli()));
        return seq;
    }

    /**
     * Whether a conversation's first turn (its owner's) lets the caller in: its own, or one shared by link. Turns
     * stored before owners were kept belong to {@link #LOCAL_OWNER}.
     */
    private static final String OWNER_IS = "COALESCE(owner, '" + LOCAL_OWNER + "') IN (?, '" + LINK_OWNER + "')";

    /**
     * Makes a write just committed to H2 durable before it is acknowledged: the embedded database's journal gets it
     * and is synced (a shared database committed it durably already). A journal grown past
     * {@link #JOURNAL_ROTATE_BYTES} is emptied after H2 is closed cleanly and opened again.
     */
    void journal(com.fasterxml.jackson.databind.node.ObjectNode entry) throws SQLException {
        if (journal == null) {
            return;
        }
        journal.append(entry);
        if (journal.bytes() > JOURNAL_ROTATE_BYTES) {
            closeDatabase();
            db();
        }
    }

    /** Writes again what the journal holds and H2 lost (after a crash); returns how many rows that was. */
    private int replay(Connection c) throws SQLException {
        int turns = 0;
        int votes = 0;
        for (com.fasterxml.jackson.databind.JsonNode e : journal.entries()) {
            if (e.path("t").asText().equals("turn")) {
                turns += replayTurn(c, e);
            } else if (e.path("t").asText().equals("vote")) {
                votes += FeedbackStore.replay(c, e);
            }
        }
        if (votes > 0) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM feedback")) {
                rs.next();
                st.execute("ALTER TABLE feedback ALTER COLUMN id RESTART WITH " + rs.getLong(1));
            }
        }
        return turns + votes;
    }

    private static int replayTurn(Connection c, com.fasterxml.jackson.databind.JsonNode e) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO turn (conversation_id, seq, question, searched_for, answer,"
                + " citations, owner, created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM turn WHERE conversation_id = ? AND seq = ?)")) {
            st.setString(1, e.get("c").asText());
            st.setInt(2, e.get("s").asInt());
            st.setString(3, e.get("q").asText());
            st.setString(4, e.get("sf").asText());
            st.setString(5, e.get("a").asText());
            st.setString(6, e.get("ci").asText());
            st.setString(7, e.get("o").asText());
            st.setTimestamp(8, new java.sql.Timestamp(e.get("at").asLong()));
            st.setString(9, e.get("c").asText());
            st.setInt(10, e.get("s").asInt());
            return st.executeUpdate();
        }
    }

    /** A stored turn with its number and the citations its answer carried (JSON). */
    public record StoredTurn(int seq, Turn turn, String citationsJson, java.time.Instant at) {
    }

    /** Every turn of {@code owner}'s conversation, oldest first; empty for an unknown or expired id, or another owner's. */
    public synchronized List<StoredTurn> turns(String conversationId, String owner) {
        if (!exists(conversationId, owner)) {
            return List.of();
        }
        try (PreparedStatement st = db().prepareStatement(
                "SELECT seq, question, searched_for, answer, citations, created_at FROM turn WHERE conversation_id = ? ORDER BY seq")) {
            st.setString(1, conversationId);
            List<StoredTurn> turns = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String citations = rs.getString(5);
                    turns.add(new StoredTurn(rs.getInt(1), new Turn(rs.getString(2), rs.getString(3), rs.getString(4)),
                            citations == null ? "[]" : citations, rs.getTimestamp(6).toInstant()));
                }
            }
            return turns;
        } catch (SQLException e) {
            throw new IllegalStateException("conversation store: " + e.getMessage(), e);
        }
    }

    /** The database connection, shared with the {@link FeedbackStore} that lives in the same file. */
    synchronized Connection db() throws SQLException {
        if (connection != null && url != null && connection.isClosed()) {
            connection = null; // the shared database went away and came back
        }
        if (connection == null) {
            if (url != null) {
                connection = DriverManager.getConnection(url, user, password);
                createTables(connection);
            } else {
                openEmbedded();
            }
        }
        return connection;
    }

    /** TEXT is CLOB in H2 and unbounded text in PostgreSQL. */
    private static void createTables(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS turn (conversation_id VARCHAR(100) NOT NULL, seq INT NOT NULL,"
                    + " question TEXT NOT NULL, searched_for TEXT NOT NULL, answer TEXT NOT NULL,"
                    + " created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (conversation_id, seq))");
            // added after 0.1: the citations an answer carried, for feedback
            st.execute("ALTER TABLE turn ADD COLUMN IF NOT EXISTS citations TEXT");
            // added after 0.1: who started the conversation (null: before owners were kept, the local owner's)
            st.execute("ALTER TABLE turn ADD COLUMN IF NOT EXISTS owner VARCHAR(100)");
            FeedbackStore.createTable(st);
        }
    }

    /**
     * Opens the H2 file. After a crash (the "dirty" marker is still there) the file as it was left is not trusted:
     * it is rebuilt from the base (the file as of its last clean close) and the journal (every acknowledged write
     * since), then closed cleanly and made the new base.
     */
    private void openEmbedded() throws SQLException {
        Path dirty = sibling(".dirty");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(dirty)) {
                recover();
            }
            if (!Files.exists(dirty)) {
                Files.createFile(dirty);
            }
        } catch (java.io.IOException e) {
            throw new SQLException("conversation database " + file + ": " + e.getMessage(), e);
        }
        connection = connectH2();
        createTables(connection);
    }

    private Connection connectH2() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "citebot", "");
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** The base and the journal make the database again, after a crash. */
    private void recover() throws SQLException, java.io.IOException {
        Path live = sibling(".mv.db");
        Path base = sibling(".base.mv.db");
        Files.deleteIfExists(live);
        Files.deleteIfExists(sibling(".trace.db"));
        if (Files.exists(base)) {
            Files.copy(base, live);
        }
        int replayed;
        try (Connection c = connectH2()) {
            createTables(c);
            replayed = replay(c);
        }
        checkpointBase();
        log.info("The conversation database was rebuilt after an unclean stop: its last clean copy and {} journaled writes", replayed);
    }

    /** The file H2 just closed cleanly becomes the base; the journal, which it now holds, is emptied; then not dirty. */
    private void checkpointBase() throws java.io.IOException {
        Path live = sibling(".mv.db");
        Path base = sibling(".base.mv.db");
        Path tmp = sibling(".base.mv.db.tmp");
        if (Files.exists(live)) {
            Files.copy(live, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, base, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        journal.reset();
        Files.deleteIfExists(sibling(".dirty"));
    }

    /** Closes H2 cleanly (it stores everything); the file becomes the base and the journal is emptied. */
    private void closeDatabase() throws SQLException {
        if (connection == null) {
            return;
        }
        connection.close();
        connection = null;
        if (journal != null) {
            try {
                checkpointBase();
            } catch (java.io.IOException e) {
                throw new SQLException("conversation database " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Writes a consistent copy of the database (conversations and feedback) into {@code dir}, while it stays in use:
     * its last clean copy and the journal of every acknowledged write since, taken together under the store's lock
     * ({@link #restore} puts them back; the first open rebuilds the database from them).
     */
    public synchronized void backup(Path dir) {
        if (!embedded()) {
            throw new IllegalStateException("the conversations live in a shared database; back it up with its own tools (pg_dump)");
        }
        try {
            Path base = sibling(".base.mv.db");
            if (Files.exists(base)) {
                Files.copy(base, dir.resolve(BACKUP_BASE));
            }
            journal.copyTo(dir.resolve(BACKUP_JOURNAL));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final String BACKUP_BASE = "conversations.base.mv.db";
    static final String BACKUP_JOURNAL = "conversations.journal";

    /** Whether {@code dir} holds a backup written by {@link #backup}. */
    public static boolean inBackup(Path dir) {
        return Files.isRegularFile(dir.resolve(BACKUP_BASE)) || Files.isRegularFile(dir.resolve(BACKUP_JOURNAL));
    }

    /** Puts a {@link #backup} back as the database {@code file} (which must not exist); it is rebuilt when it opens. */
    public static void restore(Path dir, Path file) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.isRegularFile(dir.resolve(BACKUP_BASE))) {
            Files.copy(dir.resolve(BACKUP_BASE), file.resolveSibling(file.getFileName() + ".base.mv.db"));
        }
        if (Files.isRegularFile(dir.resolve(BACKUP_JOURNAL))) {
            Files.copy(dir.resolve(BACKUP_JOURNAL), journalFile(file));
        }
        Files.createFile(file.resolveSibling(file.getFileName() + ".dirty"));
    }

    @Override
    public synchronized void close() {
        try {
            closeDatabase();
        } catch (SQLException e) {
            // closing a file database that is already gone leaves nothing to save; the journal is kept
            connection = null;
        }
    }
}
