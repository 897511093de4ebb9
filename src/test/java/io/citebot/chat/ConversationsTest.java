package io.citebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationsTest {

    @TempDir
    Path tmp;

    @Test
    void should_keep_a_window_of_recent_turns_in_order_and_survive_a_restart() {
        // given
        try (Conversations c = new Conversations(tmp.resolve("conversations"), 2)) {
            c.append("a", new Turn("q1", "q1", "a1"));
            c.append("a", new Turn("q2", "q2", "a2"));
            c.append("b", new Turn("other", "other", "x"));
            c.append("a", new Turn("q3", "q3 (Putin)", "a3"));
        }

        // when
        try (Conversations reopened = new Conversations(tmp.resolve("conversations"), 2)) {
            // then
            assertThat(reopened.recent("a")).extracting(Turn::question).containsExactly("q2", "q3");
            assertThat(reopened.recent("a").getLast().searchedFor()).isEqualTo("q3 (Putin)");
            assertThat(reopened.recent("b")).hasSize(1);
            assertThat(reopened.recent("unknown")).isEmpty();
        }
    }

    @Test
    void should_know_only_conversations_it_keeps_and_forget_them_after_their_time_to_live() throws Exception {
        try (Conversations c = new Conversations(tmp.resolve("ttl"), 5, Duration.ofMillis(300))) {
            c.append("c1", new Turn("q", "q", "a"));
            assertThat(c.exists("c1", Conversations.LOCAL_OWNER)).isTrue();
            assertThat(c.exists("alice", Conversations.LOCAL_OWNER)).isFalse();

            Thread.sleep(600);
            c.append("c2", new Turn("q", "q", "a"));
            assertThat(c.prune()).isEqualTo(1);
            assertThat(c.exists("c1", Conversations.LOCAL_OWNER)).isFalse();
            assertThat(c.recent("c1")).isEmpty();
            assertThat(c.exists("c2", Conversations.LOCAL_OWNER)).isTrue();
        }
    }

    @Test
    void should_number_a_started_conversation_from_one_and_take_the_next_number_when_the_id_was_taken_after_all() {
        try (Conversations c = new Conversations(tmp.resolve("start"), 5)) {
            // a new id: turn 1, without asking for the last turn
            assertThat(c.start("fresh", Conversations.LOCAL_OWNER, new Turn("q1", "q1", "a1"), "[]")).isEqualTo(1);
            assertThat(c.append("fresh", Conversations.LOCAL_OWNER, new Turn("q2", "q2", "a2"), "[]")).isEqualTo(2);

            // an id that holds turns already (a collision): the turn is kept, as the next one
            assertThat(c.start("fresh", Conversations.LOCAL_OWNER, new Turn("q3", "q3", "a3"), "[]")).isEqualTo(3);
            assertThat(c.recent("fresh")).extracting(Turn::question).containsExactly("q1", "q2", "q3");
        }

        // and on disk, through a restart
        try (Conversations reopened = new Conversations(tmp.resolve("start"), 5)) {
            assertThat(reopened.recent("fresh")).extracting(Turn::question).containsExactly("q1", "q2", "q3");
        }
    }
}
