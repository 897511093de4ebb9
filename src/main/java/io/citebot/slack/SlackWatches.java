package io.citebot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.Watch;
import io.citebot.chat.WatchStore.Delivery;
import io.citebot.json.Json;
import io.citebot.watch.Notifier;
import io.citebot.watch.Watches;
import java.io.IOException;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches in Slack: {@code /ask follow TOPIC} (or a mention "follow TOPIC") follows a topic in the channel it was
 * typed in, {@code /ask following} lists the channel's watches, {@code /ask unfollow N} stops one. Posts go to the
 * channel, the first starting a thread that later ones continue. A channel that is gone pauses its watches.
 */
final class SlackWatches implements Notifier {

    private static final Pattern FOLLOW = Pattern.compile("(?is)^\\s*follow\\s+(.+?)\\s*$");
    /** "follow TOPIC daily" or "… daily at 8:00": a daily digest (at {@link #DIGEST_DEFAULT} without a time). */
    private static final Pattern DAILY = Pattern.compile("(?i)^(.+?)\\s+(?:daily|every\\s+day)(?:\\s+at\\s+(\\d{1,2}:\\d{2}))?$");
    static final LocalTime DIGEST_DEFAULT = LocalTime.of(9, 0);
    private static final Pattern FOLLOWING = Pattern.compile("(?i)^\\s*(?:following|watches|unfollow)\\s*$");
    private static final Pattern UNFOLLOW = Pattern.compile("(?i)^\\s*unfollow\\s+(\\S+)\\s*$");
    /** Slack errors that mean the bot will never post in this channel again (until someone fixes it by hand). */
    private static final Set<String> GONE = Set.of("channel_not_found", "is_archived", "not_in_channel", "account_inactive",
            "invalid_auth", "token_revoked", "restricted_action");

    private final Watches watches;
    private final SlackWebApi api;

    SlackWatches(Watches watches, SlackWebApi api) {
        this.watches = watches;
        this.api = api;
    }

    /** Whose the watches of a channel are: everyone's in it. */
    static String owner(String channel) {
        return "slack:" + channel;
    }

    /** The reply to a watch command typed in {@code channel}, or empty when {@code text} is a question. */
    Optional<String> command(String text, String channel) {
        Matcher follow = FOLLOW.matcher(text);
        Matcher unfollow = UNFOLLOW.matcher(text);
        if (FOLLOWING.matcher(text).matches()) {
            return Optional.of(list(channel));
        }
        if (unfollow.matches()) {
            return Optional.of(unfollow(channel, unfollow.group(1)));
        }
        if (!follow.matches()) {
            return Optional.empty();
        }
        if (channel == null) {
            return Optional.of("Follow a topic from a channel or a direct message with me.");
        }
        try {
            String topic = follow.group(1);
            LocalTime digest = null;
            Matcher daily = DAILY.matcher(topic);
            if (daily.matches()) {
                topic = daily.group(1);
                digest = daily.group(2) == null ? DIGEST_DEFAULT : Watches.time(daily.group(2));
            }
            topic = topic.replaceAll("^[\"“]|[\"”]$", "");
            if (topic.matches("(?i)\\*|everything|all(?: the)? news|the news")) {
                topic = Watches.EVERYTHING;
                digest = digest == null ? DIGEST_DEFAULT : digest;
            }
            Watch w = watches.create(owner(channel), topic, null, null, null, null, channel, digest);
            return Optional.of("Following “" + SlackText.escape(w.query().equals(Watches.EVERYTHING) ? "all the news" : w.query()) + "” here: "
                    + (digest == null ? "briefs of new articles about it will be posted in a thread."
                    : "a digest of what is new will be posted in a thread every day at " + digest + ".")
                    + " `following` lists what this channel follows, `unfollow N` stops one.");
        } catch (InvalidInputException e) {
            return Optional.of("I can't follow that: " + e.getMessage() + ".");
        }
    }

    private String list(String channel) {
        List<Watch> mine = channel == null ? List.of() : watches.list(owner(channel));
        if (mine.isEmpty()) {
            return "Nothing is followed in this channel. `follow TOPIC` follows one.";
        }
        StringBuilder b = new StringBuilder("This channel follows:");
        for (int i = 0; i < mine.size(); i++) {
            Watch w = mine.get(i);
            b.append('\n').append(i + 1).append(". ").append(SlackText.escape(w.query()))
                    .append(w.digestAt() == null ? "" : " (daily at " + w.digestAt() + ")")
                    .append(w.active() ? "" : " (paused: " + SlackText.escape(w.paused()) + ")");
        }
        return b.append("\n`unfollow N` stops one.").toString();
    }

    private String unfollow(String channel, String which) {
        List<Watch> mine = channel == null ? List.of() : watches.list(owner(channel));
        Watch target = null;
        if (which.matches("\\d{1,4}")) {
            int n = Integer.parseInt(which);
            target = n >= 1 && n <= mine.size() ? mine.get(n - 1) : null;
        } else {
            target = mine.stream().filter(w -> w.id().equalsIgnoreCase(which)).findFirst().orElse(null);
        }
        if (target == null) {
            return "This channel follows no watch " + SlackText.escape(which) + ". `following` lists them.";
        }
        watches.delete(owner(channel), target.id());
        return "Stopped following “" + SlackText.escape(target.query()) + "”.";
    }

    @Override
    public boolean handles(Watch watch) {
        return watch.slackChannel() != null;
    }

    @Override
    public String send(Watch watch, Delivery delivery) throws IOException, TargetGone {
        JsonNode post = Json.mapper().readTree(delivery.payload());
        StringBuilder text = new StringBuilder("*New on “").append(SlackText.escape(watch.query())).append("”*\n")
                .append(SlackText.escape(post.path("answer").asText()));
        StringBuilder sources = new StringBuilder("*Sources*");
        for (JsonNode c : post.path("citations")) {
            String title = c.path("title").asText(c.path("articleId").asText());
            String link = c.path("link").asText(null);
            sources.append("\n[").append(c.path("n").asInt()).append("] ")
                    .append(link == null ? SlackText.escape(title) : "<" + link + "|" + SlackText.escape(title) + ">");
            if (!c.path("source").isNull() && !c.path("source").asText().isEmpty()) {
                sources.append(" · ").append(SlackText.escape(c.path("source").asText()));
            }
            if (!c.path("date").isNull() && !c.path("date").asText().isEmpty()) {
                sources.append(" · ").append(c.path("date").asText());
            }
        }
        List<LayoutBlock> blocks = List.of(
                SectionBlock.builder().text(MarkdownTextObject.builder().text(text.toString()).build()).build(),
                SectionBlock.builder().text(MarkdownTextObject.builder().text(sources.toString()).build()).build());
        try {
            String ts = api.postMessage(watch.slackChannel(), watch.slackThread(),
                    new SlackMessages.Message(text.toString().replace("*", ""), blocks));
            return watch.slackThread() == null ? ts : null;
        } catch (SlackWebApi.SlackCallFailed e) {
            if (GONE.contains(e.error().toLowerCase(Locale.ROOT))) {
                throw new TargetGone("Slack refused to post in " + watch.slackChannel() + ": " + e.error());
            }
            throw new IOException(e.getMessage());
        }
    }
}
