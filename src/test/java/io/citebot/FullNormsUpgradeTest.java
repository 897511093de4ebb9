package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.index.lucene.OldFormat;
import io.citebot.ingest.Article;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code citebot serve} on an index written before full norms writes its segments again in the background, answering meanwhile. */
class FullNormsUpgradeTest {

    @TempDir
    Path tmp;

    static final List<Article> ARTICLES = List.of(
            new Article("tug-1", "Harbor retires its oldest tugboat", "The harbor's oldest tugboat, the Valkyrie, was retired on Friday."
                    + "\n\nCaptain Mae Ortiz steered her to the maritime museum pier.", LocalDate.of(2025, 3, 6), "Harbor Daily", null),
            new Article("pier-1", "North pier to be rebuilt", "The port board backed a plan to rebuild the north pier by 2027.",
                    LocalDate.of(2025, 3, 5), "Coast Times", null));

    @Test
    void should_write_an_older_index_again_with_full_norms_while_serving() throws Exception {
        // given: a data folder whose index predates full norms
        Path data = tmp.resolve("data");
        OldFormat.writeWithoutFullNorms(data.resolve("index"), ARTICLES, TestFiles.embedder());
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
