package io.citebot.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.citebot.json.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversation memory in an embedded H2 database file under the data folder, so conversations survive restarts.
 * Only the most recent turns are read back (a window). The database opens on first use: one-shot commands
 * that never touch a conversation do not lock it.
 *
 * <p>Every write is on disk when its method returns: the H2 file is an {@link EmbeddedDatabase} (a journal synced
 * before each acknowledgement, rebuilt from its last clean copy and the journal after a crash); a shared
 * PostgreSQL commits durably by itself.
 *
 * <p>A conversation belongs to its owner, the caller that asked its first turn (an API key's principal,
 * {@link #LOCAL_OWNER} without keys, {@link #LINK_OWNER} for Slack threads): another owner neither reads nor
 * continues it.
 */
public final class Conversations implements Closeable {

    /** Expired conversations are deleted at most this often (and when the store opens). */
    static final Duration PRUNE_EVERY = Duration.ofHours(1);

    /** The owner of conversations started without API keys, and of those stored before owners were kept. */
    public static final String LOCAL_OWNER = "local";
    /**
     * The owner of conversations whose id is itself the secret (a Slack thread's: an HMAC of the thread with the
     * signing secret): whoever holds the id, from the thread's "Continue on the web" link, may read and continue it.
     */
    public static final String LINK_OWNER = "link";

    /** A shared database's JDBC URL, user and password (replicas), or null for the H2 file. */
    private final String url;
    private final String user;
    private final String password;
    private final int window;
    private final Duration ttl;
    /** The shared database's connection (the embedded one is {@link #embedded}'s). */
    private Connection connection;
    private long lastPrune;
    /** The H2 file with its journal and last clean copy, or null for a shared database. */
    private final EmbeddedDatabase embedded;
    private static final Logger log = LoggerFactory.getLogger(Conversations.class);

    /**
     * @param file   database file, without H2's ".mv.db" suffix
     * @param window how many recent turns {@link #recent} returns
     * @param ttl    a conversation is deleted this long after its last turn
     */
    public Conversations(Path file, int window, Duration ttl) {
        this(file, null, null, null, window, ttl);
    }

    private Conversations(Path file, String url, String user, String password, int window, Duration ttl) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.window = window;
        this.ttl = ttl;
        this.embedded = url == null ? new EmbeddedDatabase(file, new EmbeddedDatabase.Schema() {
            @Override
            public void create(Connection c) throws SQLException {
                createTables(c);
            }

            @Override
            public int replay(Connection c, JsonNode entry) throws SQLException {
                return switch (entry.path("t").asText()) {
                    case "turn" -> replayTurn(c, entry);
                    case "vote" -> FeedbackStore.replay(c, entry);
                    default -> WatchStore.journals(entry.path("t").asText()) ? WatchStore.replay(c, entry) : 0;
                };
            }
        }) : null;
    }

    /**
     * Conversations and feedback in a database that several citebot replicas share (PostgreSQL), so a conversation
     * started on one continues on another. The tables are created when missing.
     */
    public static Conversations shared(String jdbcUrl, String user, String password, int window, Duration ttl) {
        return new Conversations(null, jdbcUrl, user, password, window, ttl);
    }

    /** Whether the database is this process's own H2 file (which {@link #backup} can copy). */
    public boolean embedded() {
        return embedded != null;
    }

    public Conversations(Path file, int window) {
        this(file, window, Duration.ofDays(30));
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
            st.setTimestamp(1, Timestamp.from(Instant.now().minus(ttl)));
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
    public int append(String conversationId, String owner, Turn turn, String citationsJson) {
        return append(conversationId, owner, turn, citationsJson, false);
    }

    /**
     * As {@link #append(String, String, Turn, String)} for the first turn of a conversation whose id was just made
     * (a random UUID): it is turn 1 without asking the database for the last one. Should the id exist after all,
     * the turn takes the next number as any other.
     */
    public int start(String conversationId, String owner, Turn turn, String citationsJson) {
        return append(conversationId, owner, turn, citationsJson, true);
    }

    /**
     * The turn is inserted and journaled under this store's lock, and waited for on disk after it: turns written
     * meanwhile by other requests share the journal's sync with it.
     */
    private int append(String conversationId, String owner, Turn turn, String citationsJson, boolean first) {
        Inserted inserted;
        synchronized (this) {
            try {
                try {
                    inserted = insert(conversationId, owner, turn, citationsJson, first);
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    // another replica wrote a turn of this conversation at the same moment: take the next number
                    inserted = insert(conversationId, owner, turn, citationsJson, false);
                }
            } catch (SQLException | UncheckedIOException e) {
                throw failedWrite(e);
            }
        }
        if (embedded != null) {
            try {
                embedded.awaitDurable(inserted.ticket());
            } catch (UncheckedIOException e) {
                synchronized (this) {
                    throw failedWrite(e);
                }
            }
        }
        return written(inserted.seq());
    }

    /** A turn's number, and its journal entry's ticket (0 with a shared database, which commits durably itself). */
    private record Inserted(int seq, long ticket) {
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
        if (embedded != null) {
            embedded.abandon(); // H2 may hold the failed write in memory: rebuilt from the base and the journal
        }
        return new StoreUnavailableException("the conversation could not be saved (" + reason + "); try again shortly", e);
    }

    private Inserted insert(String conversationId, String owner, Turn turn, String citationsJson, boolean first) throws SQLException {
        int seq = first ? 1 : nextSeq(conversationId);
        Instant now = Instant.now();
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
            st.setTimestamp(8, Timestamp.from(now));
            st.executeUpdate();
        }
        ObjectNode entry = Json.object().put("t", "turn").put("c", conversationId).put("s", seq)
                .put("o", owner).put("q", turn.question()).put("sf", turn.searchedFor()).put("a", turn.answer())
                .put("ci", citationsJson).put("at", now.toEpochMilli());
        return new Inserted(seq, embedded == null ? 0 : embedded.journalLater(entry));
    }

    private int nextSeq(String conversationId) throws SQLException {
        try (PreparedStatement st = db().prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM turn WHERE conversation_id = ?")) {
            st.setString(1, conversationId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Whether a conversation's first turn (its owner's) lets the caller in: its own, or one shared by link. Turns
     * stored before owners were kept belong to {@link #LOCAL_OWNER}.
     */
    private static final String OWNER_IS = "COALESCE(owner, '" + LOCAL_OWNER + "') IN (?, '" + LINK_OWNER + "')";

    /**
     * Makes a write just committed durable before it is acknowledged: the embedded database journals it (a shared
     * database committed it durably already).
     */
    void journal(ObjectNode entry) throws SQLException {
        if (embedded != null) {
            embedded.journal(entry);
        }
    }

    /** Writes a journaled turn again if the database lacks it (after a crash); returns 1 if it was missing. */
    private static int replayTurn(Connection c, JsonNode e) throws SQLException {
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
            st.setTimestamp(8, new Timestamp(e.get("at").asLong()));
            st.setString(9, e.get("c").asText());
            st.setInt(10, e.get("s").asInt());
            return st.executeUpdate();
        }
    }

    /** A stored turn with its number and the citations its answer carried (JSON). */
    public record StoredTurn(int seq, Turn turn, String citationsJson, Instant at) {
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
        if (embedded != null) {
            return embedded.connection();
        }
        if (connection != null && connection.isClosed()) {
            connection = null; // the shared database went away and came back
        }
        if (connection == null) {
            connection = DriverManager.getConnection(url, user, password);
            createTables(connection);
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
            WatchStore.createTables(st);
        }
    }

    /**
     * Writes a consistent copy of the embedded database (conversations and feedback) into {@code dir}, while it
     * stays in use: its last clean copy and the journal of every acknowledged write since, taken together under the
     * store's lock; {@link #restore} puts them back.
     */
    public synchronized void backup(Path dir) {
        if (embedded == null) {
            throw new IllegalStateException("the conversations live in a shared database; back it up with its own tools (pg_dump)");
        }
        embedded.backup(dir);
    }

    /** Whether {@code dir} holds a backup written by {@link #backup}. */
    public static boolean inBackup(Path dir) {
        return EmbeddedDatabase.inBackup(dir);
    }

    /** Puts a {@link #backup} back as the database {@code file} (which must not exist); it is rebuilt when it opens. */
    public static void restore(Path dir, Path file) throws IOException {
        EmbeddedDatabase.restore(dir, file);
    }

    @Override
    public synchronized void close() {
        try {
            if (embedded != null) {
                embedded.close();
            } else if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // closing a database that is already gone leaves nothing to save; an embedded one's journal is kept
        }
        connection = null;
    }
}
