package io.citebot.config;

import java.util.Set;

/**
 * The Slack door's settings. The door is on only when both secrets are set (from the environment, never the
 * properties file); per-channel choices come from either.
 *
 * @param signingSecret     verifies that requests come from Slack (the app's "Signing Secret"); null in Socket Mode
 *                          without HTTP routes
 * @param botToken          the bot's Web API token ({@code xoxb-…})
 * @param apiUrl            Web API base URL, ending in "/" (tests point it at a local server)
 * @param commandInChannel  {@code /ask} answers are visible to the whole channel, not only to the asker
 * @param channelsOff       channel ids where the bot does not answer (the asker is told so, privately)
 * @param ephemeralChannels channel ids where answers to mentions are shown only to the asker
 * @param directMessages    whether the bot answers direct messages
 * @param appToken          an app-level token ({@code xapp-…}) turns on Socket Mode: Slack is reached over an
 *                          outgoing WebSocket, for servers Slack cannot reach; null otherwise
 */
public record SlackSettings(String signingSecret, String botToken, String apiUrl, boolean commandInChannel,
                            Set<String> channelsOff, Set<String> ephemeralChannels, boolean directMessages, String appToken) {

    public static final String SIGNING_SECRET_ENV = "CITEBOT_SLACK_SIGNING_SECRET";
    public static final String BOT_TOKEN_ENV = "CITEBOT_SLACK_BOT_TOKEN";
    public static final String APP_TOKEN_ENV = "CITEBOT_SLACK_APP_TOKEN";

    public SlackSettings {
        channelsOff = Set.copyOf(channelsOff);
        ephemeralChannels = Set.copyOf(ephemeralChannels);
    }

    /** Over HTTP routes (a signing secret) or Socket Mode (an app token), always with a bot token. */
    public boolean enabled() {
        return botToken != null && (signingSecret != null || appToken != null);
    }

    public boolean socketMode() {
        return enabled() && appToken != null;
    }

    /** The secret that makes thread conversation ids unguessable: the signing secret, else the app token. */
    public String idSecret() {
        return signingSecret != null ? signingSecret : appToken;
    }

    /** Never prints the secrets, so a logged or printed config cannot leak them. */
    @Override
    public String toString() {
        return "SlackSettings[enabled=" + enabled() + ", socketMode=" + socketMode() + ", apiUrl=" + apiUrl + ", commandInChannel=" + commandInChannel
                + ", channelsOff=" + channelsOff + ", ephemeralChannels=" + ephemeralChannels + ", directMessages="
                + directMessages + "]";
    }
}
