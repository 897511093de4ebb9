package io.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimedEmbedderTest {

    @Test
    void should_embed_a_question_searched_twice_in_a_row_once_and_time_only_what_it_embeds() throws Exception {
        CountingEmbedder model = new CountingEmbedder();
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
