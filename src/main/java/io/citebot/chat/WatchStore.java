package io.citebot.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.citebot.json.Json;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Watches, the articles each has seen, and the posts it owes, beside the conversations in the same database. Every
 * write is on disk when its method returns (journaled like a turn), so an acknowledged watch survives a crash and
 * an article marked seen is never posted again after a restart.
 */
public final class WatchStore {

    /** A post a watch owes: made with the articles it reports, delivered once (retried until it is). */
    public record Delivery(String id, String watchId, Instant createdAt, String payload, int attempts, String error,
                           Instant deliveredAt) {
    }

    private final Conversations conversations;

    public WatchStore(Conversations conversations) {
        this.conversations = conversations;
    }

    static void createTables(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS watch (id VARCHAR(40) PRIMARY KEY, owner VARCHAR(100) NOT NULL,"
                + " query TEXT NOT NULL, from_date DATE, to_date DATE, source VARCHAR(200), webhook_url TEXT,"
                + " slack_channel VARCHAR(40), slack_thread VARCHAR(40), created_at TIMESTAMP NOT NULL, paused TEXT)");
        st.execute("CREATE TABLE IF NOT EXISTS watch_seen (watch_id VARCHAR(40) NOT NULL, article_id VARCHAR(500) NOT NULL,"
                + " PRIMARY KEY (watch_id, article_id))");
        st.execute("CREATE TABLE IF NOT EXISTS watch_delivery (id VARCHAR(40) PRIMARY KEY, watch_id VARCHAR(40) NOT NULL,"
                + " created_at TIMESTAMP NOT NULL, payload TEXT NOT NULL, attempts INT NOT NULL, error TEXT,"
                + " delivered_at TIMESTAMP)");
        // added with daily digests: the time of day a digest watch posts (HH:MM), null for posts as articles arrive
        st.execute("ALTER TABLE watch ADD COLUMN IF NOT EXISTS digest_at VARCHAR(5)");
        st.execute("ALTER TABLE watch ADD COLUMN IF NOT EXISTS last_digest VARCHAR(10)");
    }

    /** Stores a new watch with the articles it already sees (they are never posted); on disk when this returns. */
    public Watch create(Watch w, Collection<String> alreadySeen) {
        return write(db -> {
            insertWatch(db, w);
            for (String article : alreadySeen) {
                insertSeen(db, w.id(), article);
            }
            ObjectNode e = watchJson(w);
            e.set("seen", array(alreadySeen));
            conversations.journal(e);
            return w;
        });
    }

    /** Removes {@code owner}'s watch with its history; false when it has no such watch. */
    public boolean delete(String owner, String id) {
        return write(db -> {
            if (get(db, id).filter(w -> w.owner().equals(owner)).isEmpty()) {
                return false;
            }
            deleteWatch(db, id);
            conversations.journal(Json.object().put("t", "unwatch").put("id", id));
            return true;
        });
    }

    /**
     * Marks {@code articles} seen by the watch and, when {@code payload} is given, records the post about them in
     * the same write: a restart delivers the post but never makes it again.
     */
    public Optional<Delivery> see(String watchId, Collection<String> articles, String deliveryId, String payload) {
        return write(db -> {
            for (String article : articles) {
                insertSeen(db, watchId, article);
            }
            Instant now = Instant.now();
            Delivery d = payload == null ? null : new Delivery(deliveryId, watchId, now, payload, 0, null, null);
            if (d != null) {
                insertDelivery(db, d);
            }
            ObjectNode e = Json.object().put("t", "seen").put("w", watchId);
            e.set("a", array(articles));
            if (d != null) {
                e.put("d", d.id()).put("at", now.toEpochMilli()).put("p", payload);
            }
            conversations.journal(e);
            return Optional.ofNullable(d);
        });
    }

    /** Records an attempt at a delivery: delivered (error null) or failed with {@code error}. */
    public void attempted(String deliveryId, String error) {
        write(db -> {
            Instant now = Instant.now();
            attempt(db, deliveryId, error, error == null ? now : null);
            ObjectNode e = Json.object().put("t", "attempt").put("d", deliveryId).put("e", error);
            if (error == null) {
                e.put("at", now.toEpochMilli());
            }
            conversations.journal(e);
            return null;
        });
    }

    /** Stops a watch from posting, with the reason (its Slack channel is gone). */
    public void pause(String watchId, String reason) {
        update(watchId, "paused", reason, "pause");
    }

    /** Remembers the Slack thread a watch posts in. */
    public void thread(String watchId, String threadTs) {
        update(watchId, "slack_thread", threadTs, "thread");
    }

    /** Records that a digest watch made (or had nothing for) its digest of {@code day}. */
    public void digested(String watchId, LocalDate day) {
        update(watchId, "last_digest", day.toString(), "digested");
    }

    /** The last day a digest watch made its digest, if any. */
    public Optional<LocalDate> lastDigest(String watchId) {
        return read(db -> {
            try (PreparedStatement st = db.prepareStatement("SELECT last_digest FROM watch WHERE id = ?")) {
                st.setString(1, watchId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() && rs.getString(1) != null ? Optional.of(LocalDate.parse(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    public Optional<Watch> get(String id) {
        return read(db -> get(db, id));
    }

    /** {@code owner}'s watches, oldest first. */
    public List<Watch> list(String owner) {
        return read(db -> select(db, "SELECT * FROM watch WHERE owner = ? ORDER BY created_at, id", owner));
    }

    /** Every watch, oldest first. */
    public List<Watch> all() {
        return read(db -> select(db, "SELECT * FROM watch ORDER BY created_at, id", null));
    }

    /** The articles a watch has seen. */
    public Set<String> seen(String watchId) {
        return read(db -> {
            try (PreparedStatement st = db.prepareStatement("SELECT article_id FROM watch_seen WHERE watch_id = ?")) {
                st.setString(1, watchId);
                Set<String> out = new HashSet<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** Posts not delivered yet with fewer than {@code maxAttempts} attempts, oldest first. */
    public List<Delivery> pending(int maxAttempts) {
        return deliveries("SELECT * FROM watch_delivery WHERE delivered_at IS NULL AND attempts < ? ORDER BY created_at, id", maxAttempts);
    }

    /** A watch's latest delivery, if it made one. */
    public Optional<Delivery> latest(String watchId) {
        return read(db -> {
            try (PreparedStatement st = db.prepareStatement(
                    "SELECT * FROM watch_delivery WHERE watch_id = ? ORDER BY created_at DESC, id DESC LIMIT 1")) {
                st.setString(1, watchId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(delivery(rs)) : Optional.empty();
                }
            }
        });
    }

    // ---- replaying the journal after a crash: each entry written again if the database lost it

    static int replay(Connection db, JsonNode e) throws SQLException {
        switch (e.path("t").asText()) {
            case "watch" -> {
                if (get(db, e.get("id").asText()).isPresent()) {
                    return 0;
                }
                Watch w = fromJson(e);
                insertWatch(db, w);
                for (JsonNode a : e.path("seen")) {
                    insertSeen(db, w.id(), a.asText());
                }
                return 1;
            }
            case "unwatch" -> {
                deleteWatch(db, e.get("id").asText());
                return 1;
            }
            case "seen" -> {
                for (JsonNode a : e.path("a")) {
                    insertSeen(db, e.get("w").asText(), a.asText());
                }
                if (e.hasNonNull("d") && deliveryExists(db, e.get("d").asText()) == 0) {
                    insertDelivery(db, new Delivery(e.get("d").asText(), e.get("w").asText(),
                            Instant.ofEpochMilli(e.get("at").asLong()), e.get("p").asText(), 0, null, null));
                }
                return 1;
            }
            case "attempt" -> {
                attempt(db, e.get("d").asText(), text(e, "e"), e.hasNonNull("at") ? Instant.ofEpochMilli(e.get("at").asLong()) : null);
                return 1;
            }
            case "pause" -> {
                set(db, e.get("w").asText(), "paused", text(e, "v"));
                return 1;
            }
            case "thread" -> {
                set(db, e.get("w").asText(), "slack_thread", text(e, "v"));
                return 1;
            }
            case "digested" -> {
                set(db, e.get("w").asText(), "last_digest", text(e, "v"));
                return 1;
            }
            default -> {
                return 0;
            }
        }
    }

    static boolean journals(String type) {
        return switch (type) {
            case "watch", "unwatch", "seen", "attempt", "pause", "thread", "digested" -> true;
            default -> false;
        };
    }

    // ---- SQL

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection db) throws SQLException;
    }

    private <T> T write(Work<T> work) {
        synchronized (conversations) {
            try {
                return conversations.written(work.run(conversations.db()));
            } catch (SQLException | UncheckedIOException e) {
                throw conversations.failedWrite(e);
            }
        }
    }

    private <T> T read(Work<T> work) {
        synchronized (conversations) {
            try {
                return work.run(conversations.db());
            } catch (SQLException e) {
                throw new StoreUnavailableException("the watch store cannot be read (" + e.getMessage() + ")", e);
            }
        }
    }

    private void update(String watchId, String column, String value, String type) {
        write(db -> {
            set(db, watchId, column, value);
            conversations.journal(Json.object().put("t", type).put("w", watchId).put("v", value));
            return null;
        });
    }

    private static void set(Connection db, String watchId, String column, String value) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("UPDATE watch SET " + column + " = ? WHERE id = ?")) {
            st.setString(1, value);
            st.setString(2, watchId);
            st.executeUpdate();
        }
    }

    private static void insertWatch(Connection db, Watch w) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("INSERT INTO watch (id, owner, query, from_date, to_date, source,"
                + " webhook_url, slack_channel, slack_thread, created_at, paused, digest_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, w.id());
            st.setString(2, w.owner());
            st.setString(3, w.query());
            st.setDate(4, w.from() == null ? null : Date.valueOf(w.from()));
            st.setDate(5, w.to() == null ? null : Date.valueOf(w.to()));
            st.setString(6, w.source());
            st.setString(7, w.webhookUrl());
            st.setString(8, w.slackChannel());
            st.setString(9, w.slackThread());
            st.setTimestamp(10, Timestamp.from(w.createdAt()));
            st.setString(11, w.paused());
            st.setString(12, w.digestAt() == null ? null : w.digestAt().toString());
            st.executeUpdate();
        }
    }

    private static void deleteWatch(Connection db, String id) throws SQLException {
        for (String sql : new String[] {"DELETE FROM watch_seen WHERE watch_id = ?", "DELETE FROM watch_delivery WHERE watch_id = ?",
                "DELETE FROM watch WHERE id = ?"}) {
            try (PreparedStatement st = db.prepareStatement(sql)) {
                st.setString(1, id);
                st.executeUpdate();
            }
        }
    }

    private static void insertSeen(Connection db, String watchId, String article) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("INSERT INTO watch_seen (watch_id, article_id) SELECT ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM watch_seen WHERE watch_id = ? AND article_id = ?)")) {
            st.setString(1, watchId);
            st.setString(2, article);
            st.setString(3, watchId);
            st.setString(4, article);
            st.executeUpdate();
        }
    }

    private static void insertDelivery(Connection db, Delivery d) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("INSERT INTO watch_delivery (id, watch_id, created_at, payload, attempts)"
                + " VALUES (?, ?, ?, ?, 0)")) {
            st.setString(1, d.id());
            st.setString(2, d.watchId());
            st.setTimestamp(3, Timestamp.from(d.createdAt()));
            st.setString(4, d.payload());
            st.executeUpdate();
        }
    }

    private static int deliveryExists(Connection db, String id) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT 1 FROM watch_delivery WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? 1 : 0;
            }
        }
    }

    private static void attempt(Connection db, String deliveryId, String error, Instant deliveredAt) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "UPDATE watch_delivery SET attempts = attempts + 1, error = ?, delivered_at = ? WHERE id = ?")) {
            st.setString(1, error);
            st.setTimestamp(2, deliveredAt == null ? null : Timestamp.from(deliveredAt));
            st.setString(3, deliveryId);
            st.executeUpdate();
        }
    }

    private static Optional<Watch> get(Connection db, String id) throws SQLException {
        List<Watch> found = select(db, "SELECT * FROM watch WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private static List<Watch> select(Connection db, String sql, String param) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            if (param != null) {
                st.setString(1, param);
            }
            List<Watch> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Date from = rs.getDate("from_date");
                    Date to = rs.getDate("to_date");
                    out.add(new Watch(rs.getString("id"), rs.getString("owner"), rs.getString("query"),
                            from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate(), rs.getString("source"),
                            rs.getString("webhook_url"), rs.getString("slack_channel"), rs.getString("slack_thread"),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("paused"),
                            rs.getString("digest_at") == null ? null : LocalTime.parse(rs.getString("digest_at"))));
                }
            }
            return out;
        }
    }

    private List<Delivery> deliveries(String sql, int param) {
        return read(db -> {
            try (PreparedStatement st = db.prepareStatement(sql)) {
                st.setInt(1, param);
                List<Delivery> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(delivery(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Delivery(rs.getString("id"), rs.getString("watch_id"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("payload"), rs.getInt("attempts"), rs.getString("error"), delivered == null ? null : delivered.toInstant());
    }

    private static ObjectNode watchJson(Watch w) {
        ObjectNode e = Json.object().put("t", "watch").put("id", w.id()).put("o", w.owner()).put("q", w.query())
                .put("from", w.from() == null ? null : w.from().toString()).put("to", w.to() == null ? null : w.to().toString())
                .put("s", w.source()).put("wh", w.webhookUrl()).put("sc", w.slackChannel()).put("st", w.slackThread())
                .put("at", w.createdAt().toEpochMilli()).put("p", w.paused())
                .put("dg", w.digestAt() == null ? null : w.digestAt().toString());
        return e;
    }

    private static Watch fromJson(JsonNode e) {
        return new Watch(e.get("id").asText(), e.get("o").asText(), e.get("q").asText(),
                text(e, "from") == null ? null : LocalDate.parse(text(e, "from")), text(e, "to") == null ? null : LocalDate.parse(text(e, "to")),
                text(e, "s"), text(e, "wh"), text(e, "sc"), text(e, "st"), Instant.ofEpochMilli(e.get("at").asLong()), text(e, "p"),
                text(e, "dg") == null ? null : LocalTime.parse(text(e, "dg")));
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static ArrayNode array(Collection<String> values) {
        ArrayNode a = Json.array();
        values.forEach(a::add);
        return a;
    }
}
