package io.citebot.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.citebot.answer.Answer;
import io.citebot.api.ApiModels.CitationJson;
import io.citebot.api.ArticleLinks;
import io.citebot.chat.Watch;
import io.citebot.chat.WatchStore;
import io.citebot.chat.WatchStore.Delivery;
import io.citebot.json.Json;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch's posts: made with the articles they cover in one durable write, then sent by the notifier of the watch's
 * target; a send that fails is tried again at later checks, a target that is gone pauses the watch.
 */
final class Posts {

    private static final Logger log = LoggerFactory.getLogger(Posts.class);
    /** Sends of one post before it is given up (each webhook send tries {@link WebhookNotifier#TRIES} times). */
    static final int MAX_SENDS = 5;

    private final WatchStore store;
    private final ArticleLinks links;
    private final List<Notifier> notifiers = new ArrayList<>();
    private final ObjectMapper json = Json.mapper();
    private final SecureRandom random = new SecureRandom();

    Posts(WatchStore store, ArticleLinks links) {
        this.store = store;
        this.links = links;
    }

    void add(Notifier notifier) {
        notifiers.add(notifier);
    }

    /** Whether some notifier here can post to {@code w}'s target. */
    boolean reaches(Watch w) {
        return notifiers.stream().anyMatch(n -> n.handles(w));
    }

    /** Records a post of {@code brief} covering {@code articles} (marked seen with it), then sends it. */
    void post(Watch w, Answer brief, Collection<String> articles) {
        String id = "d_" + HexFormat.of().formatHex(randomBytes());
        send(w, store.see(w.id(), articles, id, payload(w, id, brief)).orElseThrow());
    }

    /** Sends the posts owed to active watches (a restart, a receiver that was down). */
    void sendOwed() {
        for (Delivery d : store.pending(MAX_SENDS)) {
            store.get(d.watchId()).filter(Watch::active).ifPresent(w -> send(w, d));
        }
    }

    private void send(Watch w, Delivery d) {
        Notifier notifier = notifiers.stream().filter(n -> n.handles(w)).findFirst().orElse(null);
        if (notifier == null) {
            store.attempted(d.id(), "no way to post to this watch's target on this server");
            return;
        }
        try {
            String thread = notifier.send(w, d);
            store.attempted(d.id(), null);
            if (thread != null && w.slackThread() == null) {
                store.thread(w.id(), thread);
            }
            log.info("Watch {} posted {}", w.id(), d.id());
        } catch (Notifier.TargetGone e) {
            store.attempted(d.id(), e.getMessage());
            store.pause(w.id(), e.getMessage());
            log.warn("Watch {} paused: {}", w.id(), e.getMessage());
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            store.attempted(d.id(), reason);
            log.warn("Watch {} could not post {} ({}); tried again at the next check", w.id(), d.id(), reason);
        }
    }

    /** A post as a webhook receives it: the watch, the brief with its citations as in /api/chat, the articles cited. */
    private String payload(Watch w, String deliveryId, Answer brief) {
        ObjectNode body = json.createObjectNode();
        body.put("deliveryId", deliveryId);
        body.putObject("watch").put("id", w.id()).put("query", w.query());
        body.put("answer", brief.text());
        body.set("citations", json.valueToTree(CitationJson.all(links, brief.citations())));
        body.set("articles", json.valueToTree(brief.citations().stream().map(c -> c.articleId()).distinct().toList()));
        body.put("createdAt", Instant.now().toString());
        return body.toString();
    }

    byte[] randomBytes() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return b;
    }
}
