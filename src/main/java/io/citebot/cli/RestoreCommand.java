package io.citebot.cli;

import io.citebot.Backups;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code citebot restore DIR}: puts a backup into the data folder, which must be empty (stop serve first). */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup made by citebot backup into an empty data folder (CITEBOT_DATA_DIR).")
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the backup folder")
    Path dir;

    @Override
    public Integer call() throws Exception {
        var config = parent.config();
        Backups.Result r = Backups.restore(dir, config);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Restored %d articles (%d passages) into %s in %.1f s%n", r.articles(), r.passages(),
                config.dataDir().toAbsolutePath(), r.millis() / 1000.0);
        out.flush();
        return 0;
    }
}
