package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.index.lucene.OldFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code citebot serve} on an index written before full norms writes its segments again in the background, answering meanwhile. */
class FullNormsUpgradeTest {

    @TempDir
    Path tmp;

    @Test
    void should_write_an_older_index_again_with_full_norms_while_serving() throws Exception {
        // given: a data folder whose index predates full norms
        Path data = tmp.resolve("data");
        OldFormat.writeWithoutFullNorms(data.resolve("index"), OldFormat.HARBOR, TestFiles.embedder());
        try (ArticleIndex old = ArticleIndex.openReadOnly(data.resolve("index"), new EnglishAnalysis())) {
            assertThat(OldFormat.fullNorms(old)).isFalse();
        }

        // when: a server starts on it (with no articles folder to ingest, whose merge would write full norms too)
        Process server = ServerProcess.start(data, System.getProperty("java.class.path"),
                Map.of("CITEBOT_SEEDS_DIR", tmp.resolve("no-articles").toString()));
        try {
            String url = ServerProcess.awaitReady(server, data);
            var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/chat"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Which tugboat did the harbor retire?\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("Valkyrie");

            // then: its segments get full norms, committed (a second reader sees them)
            boolean full = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!full && System.nanoTime() < deadline) {
                try (ArticleIndex reader = ArticleIndex.openReadOnly(data.resolve("index"), new EnglishAnalysis())) {
                    full = OldFormat.fullNorms(reader);
                }
                Thread.sleep(100);
            }
            assertThat(full).as("full norms within 60 s").isTrue();
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
