package io.citebot.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The settings of the doors and the live archive (public URL, Slack, API keys and limits, feeds), read for {@link Config}. */
final class DoorSettings {

    private DoorSettings() {
    }

    static FeedSettings feeds(Function<Config.Key, String> get) {
        LinkedHashSet<String> urls = new LinkedHashSet<>();
        for (String u : get.apply(Config.FEEDS).split("[,\\s]+")) {
            addFeed(urls, u, Config.FEEDS.env());
        }
        for (String line : listFile(get, Config.FEEDS_FILE)) {
            addFeed(urls, line, Config.FEEDS_FILE.env());
        }
        return new FeedSettings(List.copyOf(urls), Config.duration(get, Config.FEED_INTERVAL), Config.duration(get, Config.FEED_TIMEOUT));
    }

    static WatchSettings watches(Function<Config.Key, String> get, Map<String, String> env) {
        String allow = get.apply(Config.WEBHOOK_ALLOW_PRIVATE).strip().toLowerCase(Locale.ROOT);
        if (!allow.equals("true") && !allow.equals("false")) {
            throw new ConfigException(Config.WEBHOOK_ALLOW_PRIVATE.env() + " must be true or false, was \"" + allow + "\"");
        }
        String secret = blankToNull(env.get(WatchSettings.WEBHOOK_SECRET_ENV));
        return new WatchSettings(Config.duration(get, Config.WATCH_INTERVAL), secret, allow.equals("true"),
                Config.decimal(get, Config.WATCH_MIN_CONFIDENCE, 0, 1));
    }

    /** The lines of the file a setting names, without {@code #} comments; none when the setting is empty. */
    private static List<String> listFile(Function<Config.Key, String> get, Config.Key k) {
        String file = get.apply(k);
        if (file.isBlank()) {
            return List.of();
        }
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> !line.strip().startsWith("#")).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigException(k.env() + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void addFeed(Set<String> urls, String raw, String from) {
        String url = raw.strip();
        if (url.isEmpty()) {
            return;
        }
        if (!url.matches("(?i)https?://[^\\s/]+\\S*") || url.length() > 2000) {
            throw new ConfigException(from + " must list http:// or https:// feed URLs, was \"" + url + "\"");
        }
        urls.add(url);
    }

    static ApiSettings api(Function<Config.Key, String> get, Map<String, String> env) {
        Set<String> keys = new LinkedHashSet<>();
        String fromEnv = env.get(Config.API_KEYS_ENV);
        if (fromEnv != null) {
            for (String k : fromEnv.split(",")) {
                addKey(keys, k, Config.API_KEYS_ENV);
            }
        }
        Set<String> admins = new LinkedHashSet<>();
        String adminsFromEnv = env.get(Config.ADMIN_KEYS_ENV);
        if (adminsFromEnv != null) {
            for (String k : adminsFromEnv.split(",")) {
                addKey(admins, k, Config.ADMIN_KEYS_ENV);
            }
        }
        String file = get.apply(Config.API_KEYS_FILE);
        for (String line : listFile(get, Config.API_KEYS_FILE)) {
            addKey(keys, line, Config.API_KEYS_FILE.env());
        }
        if (!file.isBlank() && keys.isEmpty()) {
            throw new ConfigException(Config.API_KEYS_FILE.env() + ": " + file + " holds no keys");
        }
        List<String> origins = new ArrayList<>();
        for (String o : get.apply(Config.CORS_ORIGINS).split(",")) {
            String origin = o.strip().replaceAll("/+$", "");
            if (origin.isEmpty()) {
                continue;
            }
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
                throw new ConfigException(Config.CORS_ORIGINS.env() + " must list origins such as https://news.example.org, was \"" + origin + "\"");
            }
            origins.add(origin);
        }
        String list = get.apply(Config.SOURCES_LIST).toLowerCase(Locale.ROOT);
        if (!list.equals("on") && !list.equals("off")) {
            throw new ConfigException(Config.SOURCES_LIST.env() + " must be on or off, was \"" + list + "\"");
        }
        return new ApiSettings(keys, Config.integer(get, Config.RATE_LIMIT, 0, 1_000_000), origins, list.equals("on"), Config.duration(get, Config.REQUEST_TIMEOUT), admins,
                get.apply(Config.BACKUP_DIR).isBlank() ? null : Config.path(get, Config.BACKUP_DIR));
    }

    /** A key: 16 to 200 printable ASCII characters without spaces (what fits an Authorization header). */
    private static void addKey(Set<String> keys, String raw, String from) {
        String key = raw.strip();
        if (key.isEmpty()) {
            return;
        }
        if (!key.matches("[\\x21-\\x7E]{16,200}")) {
            throw new ConfigException(from + ": API keys must be 16-200 printable characters without spaces");
        }
        keys.add(key);
    }

    static String publicUrl(Function<Config.Key, String> get, int port) {
        String v = get.apply(Config.PUBLIC_URL);
        if (v.isBlank()) {
            return "http://localhost:" + port;
        }
        if (!v.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new ConfigException(Config.PUBLIC_URL.env() + " must be an http:// or https:// URL without query, was \"" + v + "\"");
        }
        return v.replaceAll("/+$", "");
    }

    static SlackSettings slack(Function<Config.Key, String> get, Map<String, String> env) {
        String secret = blankToNull(env.get(SlackSettings.SIGNING_SECRET_ENV));
        String token = blankToNull(env.get(SlackSettings.BOT_TOKEN_ENV));
        String appToken = blankToNull(env.get(SlackSettings.APP_TOKEN_ENV));
        if (token == null && (secret != null || appToken != null)) {
            throw new ConfigException(SlackSettings.BOT_TOKEN_ENV + " is needed too: the Slack door needs the bot token and the signing secret"
                    + " (or, for Socket Mode, an app token); set them in the environment");
        }
        if (token != null && secret == null && appToken == null) {
            throw new ConfigException(SlackSettings.SIGNING_SECRET_ENV + " is needed too: the Slack door needs the bot token and the signing secret"
                    + " (or, for Socket Mode, " + SlackSettings.APP_TOKEN_ENV + "); set them in the environment");
        }
        if (appToken != null && !appToken.startsWith("xapp-")) {
            throw new ConfigException(SlackSettings.APP_TOKEN_ENV + " must be an app-level token (it starts with xapp-)");
        }
        if (token != null && !token.startsWith("xoxb-")) {
            throw new ConfigException(SlackSettings.BOT_TOKEN_ENV + " must be the app's Bot User OAuth Token (it starts with xoxb-)");
        }
        String apiUrl = get.apply(Config.SLACK_API_URL);
        if (!apiUrl.matches("https?://[^\\s/]+.*")) {
            throw new ConfigException(Config.SLACK_API_URL.env() + " must be an http:// or https:// URL, was \"" + apiUrl + "\"");
        }
        String visibility = get.apply(Config.SLACK_COMMAND_VISIBILITY).toLowerCase(Locale.ROOT);
        if (!visibility.equals("ephemeral") && !visibility.equals("in_channel")) {
            throw new ConfigException(Config.SLACK_COMMAND_VISIBILITY.env() + " must be ephemeral or in_channel, was \"" + visibility + "\"");
        }
        String dms = get.apply(Config.SLACK_DIRECT_MESSAGES).toLowerCase(Locale.ROOT);
        if (!dms.equals("on") && !dms.equals("off")) {
            throw new ConfigException(Config.SLACK_DIRECT_MESSAGES.env() + " must be on or off, was \"" + dms + "\"");
        }
        return new SlackSettings(secret, token, apiUrl.endsWith("/") ? apiUrl : apiUrl + "/", visibility.equals("in_channel"),
                channels(get, Config.SLACK_CHANNELS_OFF), channels(get, Config.SLACK_EPHEMERAL_CHANNELS), dms.equals("on"), appToken);
    }

    /** Slack channel ids: C…, G… or D…, upper-case letters and digits. */
    private static Set<String> channels(Function<Config.Key, String> get, Config.Key k) {
        Set<String> ids = new LinkedHashSet<>();
        for (String part : get.apply(k).split(",")) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!id.matches("[CGD][A-Z0-9]{2,30}")) {
                throw new ConfigException(k.env() + " must list channel ids such as C0123ABCD (see the channel's details in Slack), was \"" + id + "\"");
            }
            ids.add(id);
        }
        return ids;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
