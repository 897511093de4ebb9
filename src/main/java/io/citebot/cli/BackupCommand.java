package io.citebot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.Backups;
import io.citebot.Citebot;
import io.citebot.ServerFile;
import io.citebot.config.Config;
import io.citebot.http.HttpServer;
import io.citebot.index.IndexLockedException;
import io.citebot.json.Json;
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

    /**
     * The running server that holds this data folder makes the backup: it is found from the folder's server.json
     * (not from the configured port, where another citebot may answer) and shown the token written there.
     */
    private static Backups.Result askServer(Config config, Path target) throws IOException, InterruptedException {
        ServerFile server = ServerFile.read(config.dataDir()).orElseThrow(() -> new IOException("another process holds the index in "
                + config.indexDir().toAbsolutePath() + ", but no citebot server says it serves that data folder ("
                + config.dataDir().resolve(ServerFile.NAME) + " is missing or names a process that is gone)"));
        URI uri = URI.create(server.url() + "/api/admin/backup");
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header(HttpServer.LOCAL_TOKEN_HEADER, server.token())
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(Map.of("dir", target.toString())))).build();
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("the citebot server of " + config.dataDir().toAbsolutePath() + " (process " + server.pid()
                    + ") does not answer at " + uri + " (" + e.getMessage() + ")");
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IOException("the server at " + uri + " did not answer as citebot does (HTTP " + r.statusCode() + ")");
        }
        if (r.statusCode() != 201) {
            throw new IOException("the server could not make the backup: " + body.path("error").asText(r.body()));
        }
        return new Backups.Result(Path.of(body.get("dir").asText()), body.get("articles").asInt(), body.get("passages").asInt(),
                body.get("indexBytes").asLong(), body.get("millis").asLong());
    }
}
