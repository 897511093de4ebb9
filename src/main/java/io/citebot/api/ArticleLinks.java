package io.citebot.api;

import io.citebot.answer.Citation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where a citation leads, the same in every door: the article's own http(s) URL, else this server's view of the
 * article at the cited passage ({@code /articles/{id}#pN}). With API keys configured such a link carries a
 * signature ({@code ?sig=}, an HMAC of the article id with a secret derived from the keys), since a browser
 * following a link sends no key.
 */
public final class ArticleLinks {

    private final String publicUrl;
    private final SecretKeySpec key;

    /**
     * @param publicUrl where people reach this server, without a final "/"
     * @param apiKeys   the configured keys (the signing secret is derived from them); empty when there are none
     */
    public ArticleLinks(String publicUrl, Set<String> apiKeys) {
        this.publicUrl = publicUrl;
        this.key = apiKeys.isEmpty() ? null
                : new SecretKeySpec(("citebot article links\n" + String.join("\n", new TreeSet<>(apiKeys))).getBytes(StandardCharsets.UTF_8),
                        "HmacSHA256");
    }

    /** The link a reader follows for this citation. */
    public String of(Citation c) {
        if (c.url() != null) {
            return c.url(); // http(s) only: Citation keeps no other
        }
        String passage = c.passageId().substring(c.passageId().lastIndexOf('#') + 1);
        String sig = signature(c.articleId());
        return publicUrl + "/articles/" + URLEncoder.encode(c.articleId(), StandardCharsets.UTF_8).replace("+", "%20")
                + (sig == null ? "" : "?sig=" + sig) + "#p" + passage;
    }

    /** The {@code sig} a link to this article needs, or null when links need none. */
    public String signature(String articleId) {
        if (key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(articleId.getBytes(StandardCharsets.UTF_8))).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code sig} is the one a link to this article needs (always, when links need none). */
    public boolean verifies(String articleId, String sig) {
        String expected = signature(articleId);
        return expected == null || (sig != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sig.getBytes(StandardCharsets.UTF_8)));
    }
}
