package io.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.TestFiles;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimedEmbedderTest {

    /** The real model, counting the questions it is asked to embed. */
    private static final class Counting implements Embedder {
        final AtomicInteger questions = new AtomicInteger();
        final Embedder model = TestFiles.embedder();

        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return model.embed(texts);
        }

        @Override
        public float[] embedQuery(String question) {
            questions.incrementAndGet();
            return model.embedQuery(question);
        }
    }

    @Test
    void should_embed_a_question_searched_twice_in_a_row_once_and_time_only_what_it_embeds() throws Exception {
        Counting model = new Counting();
        TimedEmbedder embedder = new TimedEmbedder(model);

        float[] first = embedder.embedQuery("What did Putin offer?");
        long spent = embedder.takeNanos();
        float[] again = embedder.embedQuery("What did Putin offer?");

        assertThat(model.questions).hasValue(1);
        assertThat(again).containsExactly(first);
        assertThat(embedder.takeNanos()).isLessThan(spent);
        // a caller that changes its vector changes nobody else's
        again[0] = 42f;
        assertThat(embedder.embedQuery("What did Putin offer?")[0]).isEqualTo(first[0]);

        embedder.embedQuery("Who is Dmitry Peskov?");
        embedder.embedQuery("What did Putin offer?");
        assertThat(model.questions).hasValue(3);

        // another thread has its own
        Thread other = Thread.ofVirtual().start(() -> embedder.embedQuery("What did Putin offer?"));
        other.join();
        assertThat(model.questions).hasValue(4);
    }
}
