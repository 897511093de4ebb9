package io.citebot.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.slack.api.app_backend.events.payload.AppMentionPayload;
import com.slack.api.app_backend.events.payload.MessagePayload;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.util.json.GsonFactory;
import io.citebot.api.ArticleLinks;
import io.citebot.chat.ChatReply;
import io.citebot.chat.ChatService;
import io.citebot.chat.Conversations;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.SearchOptions;
import io.citebot.config.SlackSettings;
import io.citebot.http.Door;
import io.citebot.http.DoorRoutes;
import io.citebot.watch.Watches;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack door, mounted in the same Javalin server as the other doors: {@code POST /slack/events} (mentions and
 * direct messages), {@code /slack/commands} ({@code /ask}) and {@code /slack/interactivity} (the 👍/👎 buttons).
 * Every request is verified before anything is read from it, acknowledged at once, and answered on a worker
 * pool through the same {@link ChatService} as every door; the reply goes back with Slack's Web API.
 */
public final class SlackDoor implements Door, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackDoor.class);
    /** Questions waiting for a worker; past this the asker is told the bot is busy. */
    static final int QUEUE = 100;
    static final String WORKING_REACTION = "eyes";
    /**
     * Slack threads' conversations are shared by link: their ids are HMACs of the thread, and the thread's
     * "Continue on the web" link carries the id to the chat page, whoever's key it uses.
     */
    static final String OWNER = Conversations.LINK_OWNER;

    private final ChatService chat;
    private final SlackSettings settings;
    private final String publicUrl;
    private final ArticleLinks links;
    private final RequestVerifier verifier;
    private final SlackWebApi api;
    private final SeenEvents seen = new SeenEvents(10_000, Duration.ofMinutes(30));
    private final ThreadPoolExecutor workers;
    /** Short Web API calls that answer nothing (notices, reactions, thanks): they wait on Slack, not the CPU. */
    private final ExecutorService notices = Executors.newVirtualThreadPerTaskExecutor();
    private final Gson gson = GsonFactory.createSnakeCase();
    private final ThreadIds threadIds;
    private final SlackVotes votes;
    private final SlackCommands commands;
    private SocketModeLink socketMode;

    /**
     * @param publicUrl where people reach the chat page, for the "continue on the web" link
     */
    public SlackDoor(ChatService chat, SlackSettings settings, String publicUrl) {
        this(chat, settings, publicUrl, new ArticleLinks(publicUrl, Set.of()));
    }

    /** @param links where each source leads (its URL, or citebot's article view, signed when API keys are set) */
    public SlackDoor(ChatService chat, SlackSettings settings, String publicUrl, ArticleLinks links) {
        this(chat, settings, publicUrl, links, Clock.systemUTC(), Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    SlackDoor(ChatService chat, SlackSettings settings, String publicUrl, Clock clock, int workerThreads) {
        this(chat, settings, publicUrl, new ArticleLinks(publicUrl, Set.of()), clock, workerThreads);
    }

    SlackDoor(ChatService chat, SlackSettings settings, String publicUrl, ArticleLinks links, Clock clock,
              int workerThreads) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("the Slack door needs a bot token and a signing secret or an app token");
        }
        this.chat = chat;
        this.settings = settings;
        this.publicUrl = publicUrl;
        this.verifier = settings.signingSecret() == null ? null : new RequestVerifier(settings.signingSecret(), clock);
        this.api = new SlackWebApi(settings.apiUrl(), settings.botToken());
        this.threadIds = new ThreadIds(settings.idSecret());
        this.votes = new SlackVotes(chat, api, this::notice);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> Thread.ofPlatform().name("slack-" + n.incrementAndGet()).daemon().unstarted(r));
        this.links = links;
        this.commands = new SlackCommands(chat, settings, api, workers, this::webLink, links);
    }

    /**
     * Starts what runs without requests: in Socket Mode, the WebSocket connection to Slack (in the background; it
     * is retried until it works).
     */
    public synchronized void start() {
        if (settings.socketMode() && socketMode == null) {
            socketMode = new SocketModeLink(this, api.slack(), settings.appToken());
        }
    }

    private volatile SlackWatches watches;

    /** Lets channels follow topics ("follow …", "following", "unfollow N"), and watches post to Slack. */
    public SlackDoor withWatches(Watches all) {
        SlackWatches w = new SlackWatches(all, api);
        all.notifyingWith(w);
        this.watches = w;
        commands.watches(w);
        return this;
    }

    /** Adds the three Slack routes (only with a signing secret to check their requests). */
    @Override
    public void register(DoorRoutes routes) {
        if (verifier == null) {
            return;
        }
        routes.signed("/slack/");
        routes.post("/slack/events", this::events);
        routes.post("/slack/commands", this::command);
        routes.post("/slack/interactivity", this::interactivity);
    }

    // ---- Events API: url_verification, app_mention, message.im

    private void events(Context ctx) {
        JsonObject payload = jsonObject(new String(verified(ctx), StandardCharsets.UTF_8));
        if ("url_verification".equals(string(payload, "type"))) {
            ctx.json(Map.of("challenge", String.valueOf(string(payload, "challenge"))));
            return;
        }
        ctx.status(200);
        onEvent(payload);
    }

    /** An Events API payload, from HTTP or Socket Mode: answered on a worker, at most once per event id. */
    void onEvent(JsonObject payload) {
        if (!"event_callback".equals(string(payload, "type")) || !(payload.get("event") instanceof JsonObject event)) {
            return;
        }
        String eventId = string(payload, "event_id");
        if (eventId != null && !seen.firstTime(eventId)) {
            log.debug("Slack event {} delivered again; already handled", eventId);
            return;
        }
        // a bot's message (ours included), an edit, a deletion, a join: nothing was asked
        if (event.has("subtype") || event.has("bot_id") || event.has("bot_profile") || event.has("edited")) {
            return;
        }
        try {
            switch (String.valueOf(string(event, "type"))) {
                case "app_mention" -> {
                    var e = gson.fromJson(payload, AppMentionPayload.class).getEvent();
                    mention(new Ask(payload.has("team_id") ? string(payload, "team_id") : e.getTeam(), e.getChannel(), e.getUser(),
                            e.getTs(), e.getThreadTs(), e.getText(), false));
                }
                case "message" -> {
                    var e = gson.fromJson(payload, MessagePayload.class).getEvent();
                    if ("im".equals(e.getChannelType())) {
                        directMessage(new Ask(string(payload, "team_id"), e.getChannel(), e.getUser(), e.getTs(), e.getThreadTs(),
                                e.getText(), true));
                    }
                }
                default -> log.debug("Slack event {} ignored", string(event, "type"));
            }
        } catch (JsonParseException e) {
            throw new InvalidInputException("malformed Slack event: a field has the wrong type");
        }
    }

    /** Someone asked: where, who, which message, in which thread, what. */
    private record Ask(String team, String channel, String user, String ts, String threadTs, String text, boolean direct) {
    }

    private void mention(Ask a) {
        if (a.channel() == null || a.ts() == null) {
            return;
        }
        if (settings.channelsOff().contains(a.channel())) {
            notice(() -> api.postEphemeral(a.channel(), a.user(), a.threadTs(), SlackMessages.notice(
                    "citebot is turned off in this channel by its operator." + (settings.directMessages() ? " You can ask it in a direct message." : ""))));
            return;
        }
        submit(a);
    }

    private void directMessage(Ask a) {
        if (a.channel() == null || a.ts() == null) {
            return;
        }
        if (!settings.directMessages()) {
            notice(() -> api.postMessage(a.channel(), a.threadTs(), SlackMessages.notice(
                    "citebot does not answer direct messages here; mention it in a channel instead.")));
            return;
        }
        submit(a);
    }

    private void submit(Ask a) {
        try {
            workers.execute(() -> answer(a));
        } catch (RejectedExecutionException e) {
            log.warn("Slack question dropped: {} questions are waiting", QUEUE);
            notice(() -> reply(a, replyThread(a), SlackMessages.notice("citebot is busy answering other questions; please ask again in a minute.")));
        }
    }

    /** In a channel the answer goes to the question's thread; in a direct message, where it was asked. */
    private static String replyThread(Ask a) {
        return a.direct() ? a.threadTs() : (a.threadTs() != null ? a.threadTs() : a.ts());
    }

    private void answer(Ask a) {
        String thread = replyThread(a);
        try {
            String bot = api.botUserId();
            if (bot.equals(a.user())) {
                return;
            }
            String question = SlackText.question(a.text(), bot);
            SlackWatches w = watches;
            var watchReply = w == null ? Optional.<String>empty() : w.command(question, a.channel());
            if (watchReply.isPresent()) {
                reply(a, thread, SlackMessages.notice(watchReply.get()));
                return;
            }
            if (question.isEmpty()) {
                reply(a, thread, SlackMessages.notice("Ask me a question about the news archive, e.g. \"What did Peskov say about negotiations?\""));
                return;
            }
            api.react(a.channel(), a.ts(), WORKING_REACTION, true);
            try {
                // a thread (or a direct message outside threads) is one conversation
                String id = conversationId(a.team(), a.channel(), thread != null ? thread : "dm");
                ChatReply r = chat.askInThread(OWNER, question, id, SearchOptions.DEFAULT);
                for (SlackMessages.Message m : SlackMessages.answer(r, webLink(id), null, links)) {
                    reply(a, thread, m);
                }
            } finally {
                api.react(a.channel(), a.ts(), WORKING_REACTION, false);
            }
        } catch (InvalidInputException e) {
            safeReply(a, thread, "I can't answer that: " + e.getMessage() + ".");
        } catch (SlackWebApi.SlackCallFailed e) {
            log.warn("Slack answer to {} in {} not delivered: {}", a.ts(), a.channel(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Answering a Slack question failed", e);
            safeReply(a, thread, "Something went wrong while answering; the details are in citebot's log.");
        }
    }

    private void reply(Ask a, String thread, SlackMessages.Message m) {
        if (!a.direct() && settings.ephemeralChannels().contains(a.channel())) {
            api.postEphemeral(a.channel(), a.user(), thread, m);
        } else {
            api.postMessage(a.channel(), thread, m);
        }
    }

    private void safeReply(Ask a, String thread, String text) {
        try {
            reply(a, thread, SlackMessages.notice(text));
        } catch (RuntimeException e) {
            log.warn("Slack notice to {} not delivered: {}", a.channel(), e.getMessage());
        }
    }

    // ---- slash command /ask

    private void command(Context ctx) {
        ctx.json(onCommand(new SlashCommandPayloadParser().parse(new String(verified(ctx), StandardCharsets.UTF_8))));
    }

    /** A slash command, from HTTP or Socket Mode: the answer goes to its response URL; returns the acknowledgement. */
    Map<String, Object> onCommand(SlashCommandPayload p) {
        return commands.onCommand(p);
    }

    // ---- interactivity: the feedback buttons

    private void interactivity(Context ctx) {
        Map<String, String> form = SlackPayloads.form(new String(verified(ctx), StandardCharsets.UTF_8));
        JsonObject payload = jsonObject(form.getOrDefault("payload", ""));
        ctx.status(200);
        onInteraction(payload);
    }

    /** A button press, from HTTP or Socket Mode: the vote is stored and the voter thanked. */
    void onInteraction(JsonObject payload) {
        votes.onInteraction(payload);
    }

    // ---- shared

    /** The raw body, once its signature is checked; 401 for a forged, unsigned or stale request. */
    private byte[] verified(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (!verifier.verify(ctx.header(RequestVerifier.TIMESTAMP_HEADER), ctx.header(RequestVerifier.SIGNATURE_HEADER), body)) {
            log.info("Slack request on {} refused: missing, wrong or stale signature", ctx.path());
            throw new HttpResponseException(401, "invalid or missing Slack signature");
        }
        return body;
    }

    /** The conversation of a Slack thread; see {@link ThreadIds}. */
    String conversationId(String team, String channel, String thread) {
        return threadIds.of(team, channel, thread);
    }

    private String webLink(String conversationId) {
        return publicUrl + "/#c=" + conversationId;
    }

    private void notice(Runnable call) {
        notices.execute(() -> {
            try {
                call.run();
            } catch (RuntimeException e) {
                log.warn("Slack notice not delivered: {}", e.getMessage());
            }
        });
    }

    private static JsonObject jsonObject(String body) {
        return SlackPayloads.jsonObject(body);
    }

    private static String string(JsonObject o, String field) {
        return SlackPayloads.string(o, field);
    }

    /** Lets queued answers finish (a few seconds at most), then closes the Web API client. */
    @Override
    public void close() {
        if (socketMode != null) {
            socketMode.close();
        }
        workers.shutdown();
        notices.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Slack answers still running at shutdown: {}", workers.shutdownNow().size());
            }
            notices.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
    }

    /** For tests: how many questions are being answered or waiting. */
    int pending() {
        return workers.getActiveCount() + workers.getQueue().size();
    }

}
