package io.citebot.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code serve}'s early loading of the web server's classes leaves nothing behind that a server would own. */
class PrepareTest {

    @Test
    void should_start_no_thread_and_hold_no_port_when_preparing_the_server() throws Exception {
        // given: the threads alive now
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        // when: the throwaway server is built, twice (a second call must be as harmless)
        HttpServer.prepare();
        HttpServer.prepare();

        // then: no thread of Jetty's pool or acceptor was started (a server never started owns none)
        Set<String> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).filter(Thread::isAlive)
                .map(Thread::getName).collect(Collectors.toSet());
        assertThat(started).noneMatch(name -> name.startsWith("qtp") || name.contains("acceptor") || name.contains("selector")
                || name.startsWith("JettyServerThreadPool") || name.contains("Scheduler"));
    }
}
