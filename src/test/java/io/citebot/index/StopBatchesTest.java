package io.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.citebot.TestFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A process ending on a signal lets the batch being embedded finish, then embeds no more (ONNX Runtime closes). */
class StopBatchesTest {

    @AfterEach
    void allowBatchesAgain() {
        BgeEmbedder.allowBatches();
    }

    @Test
    void should_wait_for_the_batch_being_embedded_and_refuse_the_next_while_questions_go_on() throws Exception {
        // given: an ingest's batch of passages being embedded (a second or two)
        Embedder embedder = TestFiles.embedder();
        embedder.embedQuery("warm the model up");
        List<String> passages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            passages.add("The harbour of town " + i + " reopened on day " + (i % 28 + 1) + " after repairs that cost " + (i * 7 + 3)
                    + " thousand euros, and the mayor said it would stay open late for the summer.");
        }
        CompletableFuture<List<float[]>> batch = CompletableFuture.supplyAsync(() -> embedder.embed(passages));
        Thread.sleep(300);
        assertThat(batch).as("still embedding when the signal comes").isNotDone();

        // when: the process is told to stop
        BgeEmbedder.stopBatches();

        // then: the running batch has finished whole, a new one is refused, a question is still embedded
        assertThat(batch).isDone();
        assertThat(batch.get()).hasSize(300);
        assertThatThrownBy(() -> embedder.embed(List.of("one more passage"))).hasMessageContaining("stopping");
        assertThat(BgeEmbedder.batchesStopped()).isTrue();
        assertThat(embedder.embedQuery("Which harbour reopened?")).hasSize(384);
    }
}
