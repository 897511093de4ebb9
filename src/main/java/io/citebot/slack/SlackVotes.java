package io.citebot.slack;

import static io.citebot.slack.SlackPayloads.string;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.util.json.GsonFactory;
import io.citebot.chat.ChatService;
import io.citebot.chat.InvalidInputException;
import java.util.function.Consumer;

/** The 👍/👎 buttons under an answer: each press is stored as feedback on its turn, and the voter is thanked privately. */
final class SlackVotes {

    private final ChatService chat;
    private final SlackWebApi api;
    private final Consumer<Runnable> notice;
    private final Gson gson = GsonFactory.createSnakeCase();

    /** @param notice runs a short Web API call off the request thread */
    SlackVotes(ChatService chat, SlackWebApi api, Consumer<Runnable> notice) {
        this.chat = chat;
        this.api = api;
        this.notice = notice;
    }

    void onInteraction(JsonObject payload) {
        if (!"block_actions".equals(string(payload, "type"))) {
            return;
        }
        BlockActionPayload p;
        try {
            p = gson.fromJson(payload, BlockActionPayload.class);
        } catch (JsonParseException e) {
            throw new InvalidInputException("malformed Slack interaction: a field has the wrong type");
        }
        if (p.getActions() == null || p.getUser() == null) {
            return;
        }
        for (BlockActionPayload.Action action : p.getActions()) {
            boolean up = SlackMessages.VOTE_UP.equals(action.getActionId());
            if (!up && !SlackMessages.VOTE_DOWN.equals(action.getActionId())) {
                continue;
            }
            String thanks = vote(action.getValue(), up, (p.getTeam() != null ? p.getTeam().getId() : "") + ":" + p.getUser().getId());
            if (p.getResponseUrl() != null && p.getResponseUrl().matches("https?://\\S+")) {
                notice.accept(() -> api.respond(p.getResponseUrl(), "ephemeral", false, SlackMessages.notice(thanks)));
            }
        }
    }

    /** Stores a vote; returns what to tell the voter. */
    private String vote(String value, boolean up, String voter) {
        String[] parts = value == null ? new String[0] : value.split(" ");
        if (parts.length != 2 || !parts[1].matches("\\d{1,6}")) {
            return "This button is not one of citebot's.";
        }
        try {
            chat.feedback(SlackDoor.OWNER, parts[0], Integer.parseInt(parts[1]), up ? "up" : "down", null, "slack", voter);
            return "Thanks: your " + (up ? "👍" : "👎") + " on this answer was recorded.";
        } catch (InvalidInputException e) {
            return "This answer can no longer be rated (" + e.getMessage() + ").";
        }
    }
}
