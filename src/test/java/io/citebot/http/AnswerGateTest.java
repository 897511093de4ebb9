package io.citebot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The answer gate with real threads and this process's real CPU time: answers that wait (a backend over the
 * network) are all let in while the cores idle; answers that keep the cores busy keep the bound where it is.
 */
class AnswerGateTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** What happened to a crowd of requests arriving at once. */
    record Crowd(int admitted, int refused, int mostAtOnce) {
    }

    /** {@code requests} requests at once, each doing {@code work} when let in. */
    private static Crowd crowd(AnswerGate gate, int requests, Runnable work) throws InterruptedException {
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                if (!gate.enter()) {
                    refused.incrementAndGet();
                    return;
                }
                try {
                    admitted.incrementAndGet();
                    mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    work.run();
                    inside.decrementAndGet();
                } finally {
                    gate.leave();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Crowd(admitted.get(), refused.get(), mostAtOnce.get());
    }

    private static Runnable waitOnTheNetwork(long millis) {
        return () -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static Runnable keepACoreBusy(long millis) {
        return () -> {
            long until = System.nanoTime() + millis * 1_000_000;
            double x = 1;
            while (System.nanoTime() < until) {
                x = Math.sqrt(x + 1.0);
            }
            if (x < 0) {
                throw new AssertionError();
            }
        };
    }

    @Test
    void should_let_in_every_answer_that_waits_while_the_cores_idle() throws InterruptedException {
        // the same crowd at a gate that cannot adapt: four at a time, 300 ms each, so most wait past 2 s and are refused
        Crowd fixed = crowd(new AnswerGate(4, Duration.ofSeconds(2)), 64, waitOnTheNetwork(300));
        assertThat(fixed.refused()).isGreaterThan(20);
        assertThat(fixed.mostAtOnce()).isEqualTo(4);

        AnswerGate gate = new AnswerGate(4, 256, Duration.ofSeconds(2));
        Crowd adaptive = crowd(gate, 64, waitOnTheNetwork(300));
        assertThat(adaptive.refused()).isZero();
        assertThat(adaptive.admitted()).isEqualTo(64);
        assertThat(gate.limit()).isGreaterThan(4);
        assertThat(gate.running()).isZero();
    }

    @Test
    void should_keep_its_bound_while_answers_keep_the_cores_busy() throws InterruptedException {
        AnswerGate gate = new AnswerGate(CORES, 64 * CORES, Duration.ofSeconds(1));
        // one answer per core at a time, 300 ms of CPU each: four rounds fit in the second's wait, the rest are refused
        Crowd busy = crowd(gate, 6 * CORES, keepACoreBusy(300));
        assertThat(busy.mostAtOnce()).isEqualTo(CORES);
        assertThat(gate.limit()).isEqualTo(CORES);
        assertThat(busy.refused()).isPositive();
    }

    @Test
    void should_let_fewer_in_again_when_the_cores_become_busy() throws InterruptedException {
        AnswerGate gate = new AnswerGate(CORES, 64 * CORES, Duration.ofSeconds(2));
        crowd(gate, 16 * CORES, waitOnTheNetwork(300));
        int grown = gate.limit();
        assertThat(grown).isGreaterThan(CORES);

        // then answers that keep every core busy, one after another on each core, for 2.5 s
        long until = System.nanoTime() + 2_500_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < CORES; i++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < until) {
                    if (gate.enter()) {
                        try {
                            keepACoreBusy(40).run();
                        } finally {
                            gate.leave();
                        }
                    }
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        assertThat(gate.limit()).as("grown to %d, then busy cores", grown).isEqualTo(CORES);
    }

    @Test
    void should_refuse_a_gate_that_cannot_be() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AnswerGate(4, 2, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new AnswerGate(-1, Duration.ofSeconds(1)));
    }
}
