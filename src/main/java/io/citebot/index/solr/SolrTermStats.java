package io.citebot.index.solr;

import static io.citebot.index.IndexFields.KIND;
import static io.citebot.index.IndexFields.KIND_PASSAGE;
import static io.citebot.index.IndexFields.TEXT;
import static io.citebot.index.solr.SolrSearcher.ID;

import io.citebot.index.IndexBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * Document frequencies of passage terms, for the answerer's idf: counted by facet queries (one per term, on the
 * BM25 request itself when it has no other filter), kept a minute.
 */
final class SolrTermStats {

    /** Document frequencies change slowly; an answer asks for a dozen terms. */
    private static final long IDF_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int IDF_CACHE_MAX = 100_000;

    private final SolrRequests requests;
    private final Map<String, long[]> docFreqs = new ConcurrentHashMap<>();
    private volatile long[] passageTotal = {0, 0};

    SolrTermStats(SolrRequests requests) {
        this.requests = requests;
    }

    /**
     * BM25's idf of each term over the passages, from the collection's document frequencies (one request with a facet
     * query per term not seen in the last minute).
     */
    Map<String, Double> idf(Collection<String> terms) {
        long now = System.nanoTime();
        List<String> missing = uncached(terms);
        if (!missing.isEmpty() || now - passageTotal[1] > IDF_TTL_NANOS) {
            try {
                ModifiableSolrParams p = SolrRequests.params("{!term f=" + KIND + "}" + KIND_PASSAGE, 0, ID);
                p.set("facet", true);
                for (int i = 0; i < missing.size(); i++) {
                    p.add("facet.query", "{!term f=" + TEXT + " key=t" + i + "}" + missing.get(i));
                }
                QueryResponse r = requests.query(p);
                passageTotal = new long[] {r.getResults().getNumFound(), now};
                remember(missing, r.getFacetQuery(), now);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long n = passageTotal[0];
        Map<String, Double> idf = new HashMap<>();
        for (String t : terms) {
            long[] cached = docFreqs.get(t);
            idf.put(t, IndexBackend.bm25Idf(n, cached == null ? 0 : cached[0]));
        }
        return idf;
    }

    /** The terms whose document frequency is not known from the last minute. */
    List<String> uncached(Collection<String> terms) {
        long now = System.nanoTime();
        List<String> missing = new ArrayList<>();
        for (String t : new LinkedHashSet<>(terms)) {
            long[] df = docFreqs.get(t);
            if (df == null || now - df[1] > IDF_TTL_NANOS) {
                missing.add(t);
            }
        }
        return missing;
    }

    /** Stores the counts of facet queries keyed t0, t1, ... for these terms. */
    void remember(List<String> terms, Map<String, Integer> counts, long now) {
        Map<String, Integer> c = counts == null ? Map.of() : counts;
        if (docFreqs.size() + terms.size() > IDF_CACHE_MAX) {
            docFreqs.clear();
        }
        for (int i = 0; i < terms.size(); i++) {
            docFreqs.put(terms.get(i), new long[] {c.getOrDefault("t" + i, 0), now});
        }
    }

}
