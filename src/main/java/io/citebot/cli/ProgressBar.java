package io.citebot.cli;

import io.citebot.index.IngestProgress;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A one-line progress display on a terminal's stderr while an ingest runs; silent when output is not a terminal. */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final ScheduledExecutorService timer;
    private final PrintWriter err;

    private ProgressBar(ScheduledExecutorService timer, PrintWriter err) {
        this.timer = timer;
        this.err = err;
    }

    static ProgressBar start(IngestProgress progress, PrintWriter err, String label) {
        if (System.console() == null) {
            return new ProgressBar(null, err);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            err.print("\r" + line(label, progress.filesDone(), progress.filesTotal(), progress.passagesDone(),
                    (System.nanoTime() - t0) / 1e9));
            err.flush();
        }, 500, 500, TimeUnit.MILLISECONDS);
        return new ProgressBar(timer, err);
    }

    /** "seeds [#######-----------------------]  12/40 files  830 passages  41/s" */
    static String line(String label, int done, int total, int passages, double seconds) {
        int filled = total == 0 ? 0 : (int) ((long) WIDTH * done / total);
        return "%s [%s%s] %d/%d files  %d passages  %.0f/s ".formatted(label, "#".repeat(filled), "-".repeat(WIDTH - filled),
                done, total, passages, seconds > 0 ? passages / seconds : 0);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }
}
