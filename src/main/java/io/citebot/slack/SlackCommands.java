package io.citebot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import io.citebot.api.ArticleLinks;
import io.citebot.chat.ChatReply;
import io.citebot.chat.ChatService;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.SearchOptions;
import io.citebot.config.SlackSettings;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /ask QUESTION}: acknowledged at once, answered on a worker at the command's {@code response_url}. */
final class SlackCommands {

    private static final Logger log = LoggerFactory.getLogger(SlackCommands.class);

    private final ChatService chat;
    private final SlackSettings settings;
    private final SlackWebApi api;
    private final Executor workers;
    private final UnaryOperator<String> webLink;

    /** @param webLink the chat page's address for a conversation id */
    private final ArticleLinks links;

    SlackCommands(ChatService chat, SlackSettings settings, SlackWebApi api, Executor workers, UnaryOperator<String> webLink,
                  ArticleLinks links) {
        this.links = links;
        this.chat = chat;
        this.settings = settings;
        this.api = api;
        this.workers = workers;
        this.webLink = webLink;
    }

    private volatile SlackWatches watches;

    void watches(SlackWatches w) {
        this.watches = w;
    }

    /** A slash command, from HTTP or Socket Mode: the answer goes to its response URL; returns the acknowledgement. */
    Map<String, Object> onCommand(SlashCommandPayload p) {
        String question = SlackText.question(p.getText(), null);
        String command = p.getCommand() == null ? "/ask" : p.getCommand();
        SlackWatches w = watches;
        if (w != null && !question.isEmpty()) {
            var reply = w.command(question, p.getChannelId());
            if (reply.isPresent()) {
                return ephemeral(reply.get().replace("`following`", "`" + command + " following`")
                        .replace("`unfollow N`", "`" + command + " unfollow N`").replace("`follow TOPIC`", "`" + command + " follow TOPIC`"));
            }
        }
        if (question.isEmpty()) {
            return ephemeral("Ask a question about the news archive, e.g. `" + command + " What did Peskov say about negotiations?`");
        }
        if (p.getChannelId() != null && settings.channelsOff().contains(p.getChannelId())) {
            return ephemeral("citebot is turned off in this channel by its operator.");
        }
        if (p.getResponseUrl() == null || !p.getResponseUrl().matches("https?://\\S+")) {
            throw new InvalidInputException("response_url is missing");
        }
        try {
            workers.execute(() -> answerCommand(p, question));
        } catch (RejectedExecutionException e) {
            return ephemeral("citebot is busy answering other questions; please ask again in a minute.");
        }
        return ephemeral("🔎 Looking in the archive: " + SlackText.escape(question));
    }

    private void answerCommand(SlashCommandPayload p, String question) {
        String type = settings.commandInChannel() ? "in_channel" : "ephemeral";
        try {
            ChatReply r = chat.ask(SlackDoor.OWNER, question, null, SearchOptions.DEFAULT);
            String asked = settings.commandInChannel() && p.getUserId() != null
                    ? "<@" + p.getUserId() + "> asked: " + SlackText.escape(question) : null;
            for (SlackMessages.Message m : SlackMessages.answer(r, webLink.apply(r.conversationId()), asked, links)) {
                api.respond(p.getResponseUrl(), type, false, m);
            }
        } catch (InvalidInputException e) {
            respondQuietly(p.getResponseUrl(), "I can't answer that: " + e.getMessage() + ".");
        } catch (SlackWebApi.SlackCallFailed e) {
            log.warn("Slack /ask answer not delivered: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Answering a Slack command failed", e);
            respondQuietly(p.getResponseUrl(), "Something went wrong while answering; the details are in citebot's log.");
        }
    }

    private void respondQuietly(String responseUrl, String text) {
        try {
            api.respond(responseUrl, "ephemeral", false, SlackMessages.notice(text));
        } catch (RuntimeException e) {
            log.warn("Slack notice not delivered: {}", e.getMessage());
        }
    }

    private static Map<String, Object> ephemeral(String text) {
        return Map.of("response_type", "ephemeral", "text", text);
    }
}
