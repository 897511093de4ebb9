package io.citebot.retrieval;

import io.citebot.index.CopySketch;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.SearchBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The copies of retrieved passages anywhere in the archive: other outlets' passages that print the same text, linked
 * when they were written (Lucene) or looked up by their copy sketch (Solr), and confirmed by their shared 5-grams
 * ({@link CopySketch}). An answer cites a report once, as its earliest copy, and names the others, although they
 * were not retrieved.
 */
public final class StoryCopies {

    private StoryCopies() {
    }

    /**
     * The confirmed copies from other sources of each of these passages that pass the filters, by passage id (passages
     * without any left out). The lookup leaves out the passage's own source; its other sites (a newsletter of the same
     * outlet) are told apart by {@code answer.Syndication}.
     */
    public static Map<String, List<Hit>> of(SearchBackend backend, List<Hit> hits, Filters filters) {
        if (hits.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, List<Hit>> candidates = backend.read(searcher -> searcher.copies(hits, filters));
            Map<String, List<Hit>> out = new LinkedHashMap<>();
            for (Hit h : hits) {
                List<Hit> found = candidates.getOrDefault(h.passage().id(), List.of());
                if (found.isEmpty()) {
                    continue;
                }
                Set<Long> shingles = CopySketch.shingles(h.passage().text());
                List<Hit> copies = new ArrayList<>();
                for (Hit c : found) {
                    if (CopySketch.copies(shingles, CopySketch.shingles(c.passage().text()), CopySketch.share(h.article(), c.article()))) {
                        copies.add(c);
                    }
                }
                if (!copies.isEmpty()) {
                    out.put(h.passage().id(), copies);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
