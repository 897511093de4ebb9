package io.citebot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.Backups;
import io.citebot.Citebot;
import io.citebot.Json;
import io.citebot.config.Config;
import io.citebot.index.IndexLockedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot backup DIR}: a consistent copy of the index, the conversations and feedback, and the feed state.
 * While {@code serve} runs it holds the index, so the server is asked to write the backup (over loopback);
 * otherwise the data folder is opened here.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the index, conversations, feedback and feed state into DIR (new or empty); works while serve runs.")
final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "where to write the backup (must not exist, or be empty)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Config config = parent.config();
        PrintWriter out = spec.commandLine().getOut();
        Path target = dir.toAbsolutePath().normalize();
        Backups.Result r;
        try (Citebot bot = Citebot.open(config, false)) {
            r = Backups.backup(bot, target);
        } catch (IndexLockedException e) {
            r = askServer(config, target);
        }
        out.printf("Backed up %d articles (%d passages, %.1f MB of index) to %s in %.1f s%n", r.articles(), r.passages(),
                r.indexBytes() / 1e6, r.dir(), r.millis() / 1000.0);
        out.flush();
        return 0;
    }

    /** The running server makes the backup: it holds the index and the database. */
    private static Backups.Result askServer(Config config, Path target) throws IOException, InterruptedException {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port() + "/api/admin/backup");
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(Map.of("dir", target.toString()))));
        config.api().keys().stream().sorted().findFirst().ifPresent(k -> b.header("Authorization", "Bearer " + k));
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("another process holds the index, but no citebot server answers at " + uri + " (" + e.getMessage() + ")");
        }
        JsonNode body = Json.mapper().readTree(r.body());
        if (r.statusCode() != 201) {
            throw new IOException("the server could not make the backup: " + body.path("error").asText(r.body()));
        }
        return new Backups.Result(Path.of(body.get("dir").asText()), body.get("articles").asInt(), body.get("passages").asInt(),
                body.get("indexBytes").asLong(), body.get("millis").asLong());
    }
}
