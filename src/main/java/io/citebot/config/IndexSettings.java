package io.citebot.config;

import java.util.List;

/**
 * Which index backend holds the passages: the embedded Lucene index in the data folder (the default), or a SolrCloud
 * collection that several citebot replicas share.
 *
 * @param solrUrls   Solr node URLs ({@code http://HOST:PORT/solr}); any live one is enough to find the rest
 * @param collection the collection's name; created with citebot's configset on first start when missing
 * @param shards     shards of a collection citebot creates
 * @param replicas   copies of each shard (on different nodes) of a collection citebot creates
 * @param writes     whether this process writes to the collection (folder sync, feeds, the write API); replicas
 *                   that only answer set it off, so that one process writes
 */
public record IndexSettings(Backend backend, List<String> solrUrls, String collection, int shards, int replicas, boolean writes,
                            String solrUser, String solrPassword) {

    /** The environment variable holding the Solr password (never a properties file, never logged). */
    public static final String SOLR_PASSWORD_ENV = "CITEBOT_SOLR_PASSWORD";

    public IndexSettings(Backend backend, List<String> solrUrls, String collection, int shards, int replicas, boolean writes) {
        this(backend, solrUrls, collection, shards, replicas, writes, null, null);
    }

    public enum Backend { LUCENE, SOLR }

    public static final IndexSettings LUCENE = new IndexSettings(Backend.LUCENE, List.of(), "citebot", 1, 1, true);

    public IndexSettings {
        solrUrls = List.copyOf(solrUrls);
    }

    public IndexSettings withCollection(String name) {
        return new IndexSettings(backend, solrUrls, name, shards, replicas, writes, solrUser, solrPassword);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "IndexSettings[backend=" + backend + ", solrUrls=" + solrUrls + ", collection=" + collection + ", shards=" + shards
                + ", replicas=" + replicas + ", writes=" + writes + ", solrUser=" + solrUser + ", solrPassword="
                + (solrPassword == null ? "none" : "(set)") + "]";
    }

    public boolean solr() {
        return backend == Backend.SOLR;
    }
}
