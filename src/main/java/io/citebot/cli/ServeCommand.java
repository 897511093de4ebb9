package io.citebot.cli;

import io.citebot.Backups;
import io.citebot.Citebot;
import io.citebot.ServerFile;
import io.citebot.Signals;
import io.citebot.api.ArticleLinks;
import io.citebot.chat.InvalidInputException;
import io.citebot.config.Config;
import io.citebot.feeds.FeedFollower;
import io.citebot.http.HttpServer;
import io.citebot.openai.OpenAiDoor;
import io.citebot.slack.SlackDoor;
import io.citebot.web.WebDoor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code citebot serve}: the chat page and HTTP API. Starts answering at once and ingests in the background. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the chat page and HTTP API; ingest the articles folder in the background.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    CitebotCommand parent;

    @Option(names = "--port", description = "HTTP port (default: CITEBOT_PORT or 7070)")
    Integer port;

    @Option(names = "--seeds", paramLabel = "DIR", description = "articles folder (default: CITEBOT_SEEDS_DIR or ./seeds)")
    Path seeds;

    @Override
    public Integer call() throws Exception {
        if (port != null && (port < 0 || port > 65535)) {
            throw new InvalidInputException("--port must be between 0 and 65535");
        }
        Config config = parent.config().with(seeds, port);
        Citebot bot = Citebot.open(config, false);
        SlackDoor slack = config.slack().enabled()
                ? new SlackDoor(bot.chat(), config.slack(), config.publicUrl(), new ArticleLinks(config.publicUrl(), config.api().keys()))
                        .withWatches(bot.watches())
                : null;
        boolean loopback = HttpServer.isLoopback(config.host());
        if (!loopback && config.api().keys().isEmpty()) {
            log.warn("*** citebot listens on {} WITHOUT API KEYS: anyone who can reach this address can query the archive."
                    + " Set CITEBOT_API_KEYS (or CITEBOT_API_KEYS_FILE), or listen on 127.0.0.1. ***", config.host());
        }
        FeedFollower feeds = new FeedFollower(config.feeds(), bot.articles(), config.feedStateFile());
        HttpServer.Builder server = HttpServer.builder(bot.chat()).loopbackOnly(loopback).publicUrl(config.publicUrl())
                .api(config.api()).feeds(feeds::statuses)
                .door(new WebDoor(bot.chat(), bot.articles(), bot.watches()))
                .door(new OpenAiDoor(bot.chat()));
        if (slack != null) {
            server.door(slack);
        }
        HttpServer web = server.build();
        String localToken = ServerFile.newToken();
        web.withBackups(Backups.forServer(bot), config.backupDir(), localToken);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: finishing requests in flight, then closing the index and the conversation database");
            web.stopGracefully();
            ServerFile.remove(config.dataDir());
            feeds.close();
            if (slack != null) {
                slack.close();
            }
            try {
                bot.close();
            } catch (Exception e) {
                log.warn("Closing the index failed: {}", e.toString());
            }
            stopped.countDown();
        }));
        web.javalin().start(config.host(), config.port());
        ServerFile.write(config.dataDir(), "http://" + clientHost(config.host()) + ":" + web.javalin().port(), localToken);
        log.info("citebot is listening on http://{}:{} (articles: {}, data: {})", displayHost(config.host()),
                web.javalin().port(), config.seedsDir().toAbsolutePath(), config.dataDir().toAbsolutePath());
        if (slack != null) {
            slack.start();
            log.info("Slack door is on: {} (links to {})", config.slack().socketMode()
                    ? "Socket Mode" + (config.slack().signingSecret() != null ? " and /slack/* routes" : "")
                    : "/slack/events, /slack/commands, /slack/interactivity", config.publicUrl());
        }
        Thread ingest = Thread.ofPlatform().name("ingest").daemon().start(() -> bot.syncSeedsUntilDone(Citebot.INGEST_RETRY));
        if (bot.index().writable()) {
            bot.index().upgradeInBackground();
            feeds.start();
            bot.watches().start();
        } else if (!config.feeds().urls().isEmpty()) {
            log.info("Feeds are not polled here: this replica only answers (CITEBOT_SOLR_WRITES=off); the one that writes polls them");
        }
        Signals.listening();
        stopped.await();
        ingest.interrupt();
        return 0;
    }

    /** The address a client on this machine uses to reach a server listening on {@code host}. */
    static String clientHost(String host) {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return h.contains(":") ? "[" + h + "]" : h;
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost" : host;
    }
}
