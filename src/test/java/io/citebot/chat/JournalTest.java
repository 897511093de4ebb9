package io.citebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path tmp;

    @Test
    void should_cover_every_entry_written_before_a_sync_with_that_one_sync() throws Exception {
        try (Journal j = new Journal(tmp.resolve("j.journal"))) {
            // given: three entries written before anyone waits for the disk
            long first = j.write(Json.object().put("n", 1));
            long second = j.write(Json.object().put("n", 2));
            long third = j.write(Json.object().put("n", 3));

            // when: the first writer waits, then the others
            j.awaitDurable(first);
            j.awaitDurable(second);
            j.awaitDurable(third);

            // then: one sync covered all three
            assertThat(j.syncs()).isEqualTo(1);
            long fourth = j.write(Json.object().put("n", 4));
            j.awaitDurable(fourth);
            assertThat(j.syncs()).isEqualTo(2);
            assertThat(j.entries()).extracting(e -> e.get("n").asInt()).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void should_sync_an_entry_written_before_the_journal_was_closed() throws Exception {
        Journal j = new Journal(tmp.resolve("j.journal"));
        long ticket = j.write(Json.object().put("n", 1));
        j.close(); // a stream closed is not synced
        j.awaitDurable(ticket);
        assertThat(j.syncs()).isEqualTo(1);
        assertThat(j.entries()).hasSize(1);
    }

    @Test
    void should_count_entries_as_durable_once_the_journal_is_reset_after_a_clean_close() throws Exception {
        try (Journal j = new Journal(tmp.resolve("j.journal"))) {
            long ticket = j.write(Json.object().put("n", 1));
            j.reset(); // what a clean close of the database does: it holds the entry now
            j.awaitDurable(ticket);
            assertThat(j.syncs()).isZero();
            assertThat(j.entries()).isEmpty();
        }
    }

    @Test
    void should_journal_every_turn_that_concurrent_requests_had_acknowledged() throws Exception {
        // given: 8 requests at once, 40 turns each, into the embedded store (each waits for the disk outside the lock)
        Path file = tmp.resolve("conversations");
        try (Conversations c = new Conversations(file, 100, Duration.ofDays(1))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String id = "c" + t;
                done.add(pool.submit(() -> {
                    for (int i = 1; i <= 40; i++) {
                        assertThat(c.append(id, Conversations.LOCAL_OWNER, new Turn("q" + i, "q" + i, "a" + i), "[]")).isEqualTo(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();

            // then: while the store is open (before a clean close empties it), the journal holds each turn once, in
            // each conversation's order: what a crash now would be rebuilt from
            try (Journal journal = new Journal(EmbeddedDatabase.journalFile(file))) {
                var turns = journal.entries().stream().filter(e -> e.get("t").asText().equals("turn")).toList();
                assertThat(turns).hasSize(320);
                for (int t = 0; t < 8; t++) {
                    String id = "c" + t;
                    assertThat(turns.stream().filter(e -> e.get("c").asText().equals(id)).map(e -> e.get("s").asInt()).toList())
                            .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
                }
            }
        }
    }
}
