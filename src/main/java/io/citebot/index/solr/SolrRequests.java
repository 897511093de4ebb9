package io.citebot.index.solr;

import io.citebot.config.IndexSettings;
import io.citebot.index.IndexUnavailableException;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.ModifiableSolrParams;

/** The client of one collection, its read requests (retried when a node fails) and how its failures are told. */
final class SolrRequests implements AutoCloseable {

    private final CloudSolrClient client;
    private final String collection;

    SolrRequests(IndexSettings settings) {
        this.client = client(settings);
        this.collection = settings.collection();
    }

    CloudSolrClient client() {
        return client;
    }

    String collection() {
        return collection;
    }

    /**
     * A cluster-aware client over the JDK's HTTP client. Its threads are virtual and unbounded: the JDK client streams
     * each request body through a pipe read by another task of the same executor, and with a bounded pool, updates
     * sent to four shard leaders at once filled it with writers and waited forever (seen here with 4 shards).
     */
    static CloudSolrClient client(IndexSettings settings) {
        HttpJdkSolrClient.Builder http = new HttpJdkSolrClient.Builder()
                .withExecutor(VIRTUAL_THREADS)
                .withConnectionTimeout(5, TimeUnit.SECONDS)
                .withRequestTimeout(120, TimeUnit.SECONDS)
                .useHttp1_1(true);
        if (settings.solrUser() != null) {
            // Solr's BasicAuthPlugin; https:// node URLs are verified against the JVM's trust store
            http.withBasicAuthCredentials(settings.solrUser(), settings.solrPassword());
        }
        return new CloudSolrClient.Builder(settings.solrUrls())
                .withHttpClientBuilder(http)
                .withDefaultCollection(settings.collection())
                .build();
    }

    /** Shared by every client of this process; virtual threads cost nothing while idle. */
    private static final ExecutorService VIRTUAL_THREADS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("solr-http-", 0).factory());

    /** Documents whose {@code field} is one of {@code values} (exact; any characters), at most 1000 values. */
    static ModifiableSolrParams anyOf(String field, Collection<String> values, int rows, String fields) {
        ModifiableSolrParams p = new ModifiableSolrParams();
        StringBuilder q = new StringBuilder("{!bool");
        int i = 0;
        for (String v : values) {
            if (i == 1000) {
                break;
            }
            q.append(" should=$v").append(i);
            p.set("v" + i++, "{!term f=" + field + "}" + v);
        }
        p.set("q", q.append('}').toString());
        p.set("rows", rows);
        p.set("fl", fields);
        return p;
    }

    static ModifiableSolrParams params(String q, int rows, String fields) {
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("q", q);
        p.set("rows", rows);
        p.set("fl", fields);
        return p;
    }

    /**
     * One read request. Reads are idempotent, so a failure of the connection or a 5xx (a node just died: pooled
     * connections to it break, a coordinator finds a shard replica gone before ZooKeeper says so) is retried twice,
     * after 50 and 250 ms, on whatever node the client picks next; a 4xx is not.
     */
    QueryResponse query(ModifiableSolrParams p) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return new QueryRequest(p, SolrRequest.METHOD.POST).process(client, collection);
            } catch (SolrServerException | IOException | RuntimeException e) {
                if (attempt == READ_RETRIES || !transient_(e)) {
                    throw failure("searching", e);
                }
                try {
                    Thread.sleep(attempt == 0 ? 50 : 250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw failure("searching", e);
                }
            }
        }
    }

    private static final int READ_RETRIES = 2;

    /** A failure worth one more try: the connection broke, or the cluster answered 5xx. */
    static boolean transient_(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SolrException se) {
                return se.code() >= 500 || se.code() <= 0;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return e instanceof SolrServerException;
    }

    IOException failure(String what, Exception e) {
        String message = "Solr failed " + what + " the collection " + collection + ": " + rootMessage(e);
        return transient_(e) ? new IndexUnavailableException(message, e) : new IOException(message, e);
    }

    /** The HTTP status a Solr node answered with, somewhere in {@code e}'s causes, or 0. */
    static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SolrException se && se.code() > 0) {
                return se.code();
            }
        }
        return 0;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        client.close();
    }
}
