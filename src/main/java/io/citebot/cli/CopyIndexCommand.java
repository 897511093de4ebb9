package io.citebot.cli;

import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.Citebot;
import io.citebot.IndexCopy;
import io.citebot.config.Config;
import io.citebot.index.lucene.ArticleIndex;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot copy-index --from DIR}: copies an embedded Lucene index (a data folder's {@code index}, or a backup's)
 * into the configured backend, vectors included, so moving an archive to SolrCloud needs no re-embedding.
 */
@Command(name = "copy-index", mixinStandardHelpOptions = true,
        description = "Copy a Lucene index (e.g. data/index) into the configured backend (CITEBOT_INDEX_BACKEND=solr), vectors included.")
final class CopyIndexCommand implements Callable<Integer> {

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "the Lucene index folder to copy (read only; may be in use)")
    Path from;

    @Override
    public Integer call() throws Exception {
        Config config = parent.config();
        PrintWriter out = spec.commandLine().getOut();
        Path source = from.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from: no such folder: " + source);
        }
        if (!config.index().solr() && source.equals(config.indexDir().toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from is the configured index itself; set CITEBOT_INDEX_BACKEND=solr "
                    + "(and CITEBOT_SOLR_URL) to copy it into SolrCloud");
        }
        try (ArticleIndex lucene = ArticleIndex.openReadOnly(source, new EnglishAnalysis());
             Citebot bot = Citebot.open(config, false)) {
            int total = lucene.articleCount();
            PrintWriter err = spec.commandLine().getErr();
            boolean terminal = System.console() != null;
            IndexCopy.Result r = IndexCopy.copy(lucene, bot.index(), done -> {
                if (terminal && (done % 100 == 0 || done == total)) {
                    err.print("\rCopying " + done + "/" + total + " articles ");
                    err.flush();
                }
            });
            if (terminal) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
            }
            String target = config.index().solr() ? "the Solr collection " + config.index().collection() : config.indexDir().toString();
            out.printf("Copied %d articles (%d passages, %d files) into %s in %.1f s (%.0f passages/s)%n", r.articles(), r.passages(),
                    r.files(), target, r.millis() / 1000.0, r.passages() * 1000.0 / Math.max(1, r.millis()));
            out.flush();
        }
        return 0;
    }
}
