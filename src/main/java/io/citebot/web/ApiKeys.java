package io.citebot.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The configured API keys, checked in constant time: the presented key and every configured one are compared as
 * SHA-256 digests (equal length) with {@link MessageDigest#isEqual}, and all of them are compared every time, so
 * timing says nothing about how much of a key was right. Keys are never logged; a caller is named by the number of
 * its key ("key-2"), for rate limits and logs.
 */
final class ApiKeys {

    private final List<byte[]> digests = new ArrayList<>();

    ApiKeys(Set<String> keys) {
        keys.stream().sorted().forEach(k -> digests.add(sha256(k)));
    }

    boolean required() {
        return !digests.isEmpty();
    }

    /** The caller's name for a valid {@code Authorization: Bearer KEY} header, or null. */
    String identify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        byte[] presented = sha256(authorization.substring(7).strip());
        String found = null;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), presented) && found == null) {
                found = "key-" + (i + 1);
            }
        }
        return found;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
