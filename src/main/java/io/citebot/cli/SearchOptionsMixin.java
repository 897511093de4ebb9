package io.citebot.cli;

import io.citebot.chat.SearchOptions;
import picocli.CommandLine.Option;

/** The search flags shared by {@code ask} and {@code search}. */
final class SearchOptionsMixin {

    @Option(names = "--mode", paramLabel = "MODE", description = "bm25, dense or hybrid (default: CITEBOT_RETRIEVAL_MODE or hybrid)")
    String mode;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "only articles published on or after this date")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "only articles published on or before this date")
    String to;

    @Option(names = "--source", paramLabel = "NAME", description = "only articles from this publisher (case-insensitive)")
    String source;

    @Option(names = "--now", paramLabel = "YYYY-MM-DD", description = "the date 'last week' and 'latest' count from (default: today when the newest article is under 30 days old, else the newest article's date)")
    String now;

    SearchOptions options() {
        return SearchOptions.parse(mode, from, to, source, now);
    }
}
