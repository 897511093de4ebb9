package io.citebot.watch;

import io.citebot.chat.Watch;
import io.citebot.chat.WatchStore.Delivery;
import java.io.IOException;

/** Where a watch's posts go: a webhook, a Slack channel. */
public interface Notifier {

    /** Whether this notifier sends to {@code watch}'s target. */
    boolean handles(Watch watch);

    /**
     * Sends one post (its JSON payload as a webhook receives it).
     *
     * @return the thread later posts of this watch go to, when this post started one (Slack), else null
     * @throws TargetGone  the target will never take posts again (the watch is paused with its message)
     * @throws IOException the post did not arrive this time (it is tried again later)
     */
    String send(Watch watch, Delivery delivery) throws IOException, TargetGone;

    /** The target of a watch is gone for good: a Slack channel archived or left, a webhook answering 410. */
    final class TargetGone extends Exception {
        public TargetGone(String message) {
            super(message, null, false, false);
        }
    }
}
