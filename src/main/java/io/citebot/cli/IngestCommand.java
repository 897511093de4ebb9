package io.citebot.cli;

import io.citebot.Citebot;
import io.citebot.chat.InvalidInputException;
import io.citebot.index.IngestReport;
import io.citebot.ingest.ArticleParser.Problem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code citebot ingest PATH...}: add or update articles from files and folders. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Index article files (.txt .md .html .jsonl) or folders of them. Unchanged files are skipped;"
                + " for a folder, articles of files no longer in it are removed.")
final class IngestCommand implements Callable<Integer> {

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new InvalidInputException("no such file or folder: " + p);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int problems = 0;
        try (Citebot bot = Citebot.open(parent.config(), false)) {
            for (Path p : paths) {
                IngestReport report;
                try (ProgressBar bar = ProgressBar.start(bot.ingester().progress(), err, p.toString())) {
                    report = bot.ingester().ingest(p);
                }
                out.println(p + ": " + report.summary());
                for (Problem problem : report.problems()) {
                    err.println("skipped " + problem.file() + (problem.line() > 0 ? " line " + problem.line() : "") + ": " + problem.reason());
                }
                problems += report.problems().size();
            }
        }
        out.flush();
        err.flush();
        return problems == 0 ? 0 : CitebotCommand.EXIT_FAILED;
    }
}
