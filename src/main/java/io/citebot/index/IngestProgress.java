package io.citebot.index;

import io.citebot.ingest.ArticleParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Live counters of a running ingest, read by {@code /health} while it runs. */
public final class IngestProgress {

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean current = new AtomicBoolean();
    private final AtomicInteger filesDone = new AtomicInteger();
    private final AtomicInteger filesTotal = new AtomicInteger();
    private final AtomicInteger passagesDone = new AtomicInteger();
    private volatile List<String> problems = List.of();

    /** What the last finished ingest could not read, one line each; empty once the files are fixed. */
    public List<String> problems() {
        return problems;
    }

    void problems(List<ArticleParser.Problem> found) {
        problems = found.stream().map(p -> p.file() + (p.line() > 0 ? " line " + p.line() : "") + ": " + p.reason()).toList();
    }

    /** The whole ingest failed (a full disk): said in {@code /health} with the retry, until an ingest succeeds. */
    public void failed(String reason) {
        List<String> list = new ArrayList<>(problems.stream().filter(p -> !p.startsWith(FAILED)).toList());
        list.addFirst(FAILED + reason);
        problems = List.copyOf(list);
    }

    private static final String FAILED = "ingest failed: ";

    void start(int totalFiles) {
        running.set(true);
        filesTotal.set(totalFiles);
        filesDone.set(0);
        passagesDone.set(0);
    }

    void passagesDone(int n) {
        passagesDone.addAndGet(n);
    }

    /** Passages embedded and written by the running (or last) ingest. */
    public int passagesDone() {
        return passagesDone.get();
    }

    void fileDone() {
        filesDone.incrementAndGet();
    }

    void finish(boolean succeeded) {
        running.set(false);
        current.set(succeeded);
    }

    public boolean running() {
        return running.get();
    }

    /** True once an ingest of the configured folder has finished without failing. */
    public boolean current() {
        return current.get() && !running.get();
    }

    public int filesDone() {
        return filesDone.get();
    }

    public int filesTotal() {
        return filesTotal.get();
    }
}
