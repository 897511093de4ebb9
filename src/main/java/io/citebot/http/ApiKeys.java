package io.citebot.http;

import io.citebot.chat.Conversations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The configured API keys, checked in constant time: the presented key and every configured one are compared as
 * SHA-256 digests (equal length) with {@link MessageDigest#isEqual}, and all of them are compared every time, so
 * timing says nothing about how much of a key was right. Keys are never logged; a caller is named by a principal
 * derived from its key's digest ("key:3f2a…"), which stays the same when other keys are added or removed, so the
 * conversations a key started stay its own.
 */
final class ApiKeys {

    /**
     * Who is calling.
     *
     * @param id    owns the conversations this caller starts: "key:" and 16 hex digits of the key's digest, or
     *              {@link Conversations#LOCAL_OWNER} without keys
     * @param admin may read all feedback, make backups, write articles and read metrics
     */
    record Principal(String id, boolean admin) {

        /** The caller when no keys are configured: the machine's own user (the server listens on loopback by default). */
        static final Principal LOCAL = new Principal(Conversations.LOCAL_OWNER, true);
    }

    private record Entry(byte[] digest, Principal principal) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** @param keys every valid key (admin keys included); {@code adminKeys} have the admin role */
    ApiKeys(Set<String> keys, Set<String> adminKeys) {
        keys.stream().sorted().forEach(k -> {
            byte[] digest = sha256(k);
            entries.add(new Entry(digest, new Principal("key:" + HexFormat.of().formatHex(digest, 0, 8), adminKeys.contains(k))));
        });
    }

    boolean required() {
        return !entries.isEmpty();
    }

    /** Whether some key has the admin role. */
    boolean hasAdmins() {
        return entries.stream().anyMatch(e -> e.principal().admin());
    }

    /** The caller for a valid {@code Authorization: Bearer KEY} header, or null. */
    Principal identify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        byte[] presented = sha256(authorization.substring(7).strip());
        Principal found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), presented) && found == null) {
                found = e.principal();
            }
        }
        return found;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
