package io.citebot.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What readers thought of answers (👍/👎 and an optional comment), in the conversation database. Each entry
 * keeps its own copy of the question, the answer and the citations, so it outlives the conversation (which
 * expires). A reader known by name (a Slack user) has one vote per answer: voting again replaces it.
 */
public final class FeedbackStore {

    /** A stored vote and what it was about. */
    public record Entry(long id, Instant at, String conversationId, int turn, Rating rating, String comment,
                        String door, String voter, String question, String answer, String citationsJson) {
    }

    public enum Rating {
        UP, DOWN;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** "up" or "down", or an {@link InvalidInputException}. */
        public static Rating parse(String value) {
            if ("up".equals(value)) {
                return UP;
            }
            if ("down".equals(value)) {
                return DOWN;
            }
            throw new InvalidInputException("rating must be \"up\" or \"down\"");
        }
    }

    private final Conversations conversations;

    /** Feedback lives beside the conversations, in the same database file. */
    public FeedbackStore(Conversations conversations) {
        this.conversations = conversations;
    }

    static void createTable(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS feedback (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " created_at TIMESTAMP NOT NULL, conversation_id VARCHAR(100) NOT NULL, turn INT NOT NULL,"
                + " rating VARCHAR(8) NOT NULL, comment CLOB, door VARCHAR(20) NOT NULL, voter VARCHAR(200),"
                + " question CLOB NOT NULL, answer CLOB NOT NULL, citations CLOB NOT NULL)");
        st.execute("CREATE INDEX IF NOT EXISTS feedback_turn ON feedback (conversation_id, turn)");
    }

    /**
     * Stores a vote on one turn.
     *
     * @param door  where it came from ("web", "api", "slack")
     * @param voter who voted, when the door knows (a Slack user id), or null; a known voter's earlier vote on
     *              the same answer is replaced
     */
    public Entry save(String conversationId, Conversations.StoredTurn turn, Rating rating, String comment, String door,
                      String voter) {
        synchronized (conversations) {
            try {
                Connection db = conversations.db();
                if (voter != null) {
                    try (PreparedStatement st = db.prepareStatement(
                            "DELETE FROM feedback WHERE conversation_id = ? AND turn = ? AND voter = ?")) {
                        st.setString(1, conversationId);
                        st.setInt(2, turn.seq());
                        st.setString(3, voter);
                        st.executeUpdate();
                    }
                }
                Instant now = Instant.now();
                try (PreparedStatement st = db.prepareStatement("INSERT INTO feedback (created_at, conversation_id, turn, rating,"
                        + " comment, door, voter, question, answer, citations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    st.setTimestamp(1, Timestamp.from(now));
                    st.setString(2, conversationId);
                    st.setInt(3, turn.seq());
                    st.setString(4, rating.wire());
                    st.setString(5, comment);
                    st.setString(6, door);
                    st.setString(7, voter);
                    st.setString(8, turn.turn().question());
                    st.setString(9, turn.turn().answer());
                    st.setString(10, turn.citationsJson());
                    st.executeUpdate();
                    try (ResultSet keys = st.getGeneratedKeys()) {
                        keys.next();
                        return new Entry(keys.getLong(1), now, conversationId, turn.seq(), rating, comment, door, voter,
                                turn.turn().question(), turn.turn().answer(), turn.citationsJson());
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("feedback store: " + e.getMessage(), e);
            }
        }
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> newest(int limit) {
        synchronized (conversations) {
            try (PreparedStatement st = conversations.db().prepareStatement("SELECT id, created_at, conversation_id, turn, rating,"
                    + " comment, door, voter, question, answer, citations FROM feedback ORDER BY id DESC LIMIT ?")) {
                st.setInt(1, limit);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getInt(4),
                                Rating.parse(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9), rs.getString(10), rs.getString(11)));
                    }
                }
                return entries;
            } catch (SQLException e) {
                throw new IllegalStateException("feedback store: " + e.getMessage(), e);
            }
        }
    }
}
