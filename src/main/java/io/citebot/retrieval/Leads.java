package io.citebot.retrieval;

import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.SearchBackend;
import io.citebot.index.StoredArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The opening passages of the newest articles that pass the filters: what a question about the archive as a
 * whole ("What are these articles about?") is answered from, since it has no words to search for.
 */
public final class Leads {

    /** How many of the newest articles are looked at before the filters; enough for any page of leads. */
    static final int SCAN = 2_000;

    private Leads() {
    }

    /** Newest first; each hit scores 1 and carries no similarity. */
    public static List<Hit> newest(SearchBackend backend, int k, Filters filters) {
        try {
            List<String> leadIds = backend.articles().values().stream()
                    .sorted(Comparator.comparing(StoredArticle::date, Comparator.nullsLast(Comparator.<LocalDate>reverseOrder())))
                    .limit(SCAN)
                    .map(a -> a.id() + "#0")
                    .toList();
            return backend.read(searcher -> searcher.byIds(leadIds, filters, SCAN)).stream()
                    .sorted(Comparator.comparing((Hit h) -> h.article().date(), Comparator.nullsLast(Comparator.<LocalDate>reverseOrder())))
                    .limit(k)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
