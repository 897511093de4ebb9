package io.citebot.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hashes by which ingest tells what changed and which embeddings can be reused. */
public final class Hashes {

    /**
     * Part of every hash: bump it when parsing, cleaning or chunking changes, so existing indexes are rebuilt
     * from their files instead of keeping passages made by the old rules.
     */
    static final String PIPELINE_VERSION = "citebot-ingest-2";

    private Hashes() {
    }

    /** SHA-256 of the pipeline version and {@code bytes}, first 16 bytes in hex: changes when either does. */
    public static String of(byte[] bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(PIPELINE_VERSION.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@link #of} of a text's UTF-8 bytes: the key of a passage's embedding in the index. */
    public static String ofText(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }
}
