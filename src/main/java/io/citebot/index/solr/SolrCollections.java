package io.citebot.index.solr;

import io.citebot.config.IndexSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates citebot's collection on first start: uploads the configset shipped in the jar, creates, waits until it answers. */
final class SolrCollections {

    private static final Logger log = LoggerFactory.getLogger(SolrCollections.class);

    /** The configset's name; raised when the schema changes, so an old collection keeps its own. */
    static final String CONFIGSET = "citebot-2";
    static final List<String> CONFIG_FILES = List.of("solrconfig.xml", "schema.xml", "stopwords_en.txt");
    private static final long READY_MILLIS = 120_000;

    private SolrCollections() {
    }

    /** Whether the collection's schema has this field (a collection keeps the configset it was created with). */
    static boolean hasField(CloudSolrClient client, String collection, String field) throws IOException {
        try {
            return new SchemaRequest.Fields().process(client, collection).getFields().stream()
                    .anyMatch(f -> field.equals(f.get("name")));
        } catch (SolrServerException | RuntimeException e) {
            throw new IOException("Solr did not list the fields of " + collection + ": " + SolrRequests.rootMessage(e), e);
        }
    }

    static void ensure(CloudSolrClient client, IndexSettings settings) throws IOException {
        String collection = settings.collection();
        try {
            List<String> collections;
            try {
                collections = CollectionAdminRequest.listCollections(client);
            } catch (SolrServerException | IOException | RuntimeException e) {
                int status = SolrRequests.status(e) != 0 ? SolrRequests.status(e) : probe(settings);
                if (status == 401 || status == 403) {
                    throw new IOException("Solr at " + String.join(", ", settings.solrUrls()) + " refused citebot ("
                            + status + "): " + (settings.solrUser() == null
                            ? "it asks for a user; set CITEBOT_SOLR_USER and CITEBOT_SOLR_PASSWORD"
                            : "check CITEBOT_SOLR_USER and CITEBOT_SOLR_PASSWORD, and that the user may read and write the collection"), e);
                }
                throw new IOException("no Solr node answers at " + String.join(", ", settings.solrUrls()) + " ("
                        + SolrRequests.rootMessage(e) + "); check CITEBOT_SOLR_URL", e);
            }
            if (!collections.contains(collection)) {
                create(client, settings);
            }
            waitUntilReady(client, collection);
        } catch (SolrServerException e) {
            throw new IOException("Solr could not set up the collection " + collection + ": " + SolrRequests.rootMessage(e), e);
        }
    }

    /**
     * The HTTP status the first answering node gives a plain request with citebot's credentials, or 0 when none
     * answers: the cluster client reports a refused login only as "failed fetching live_nodes".
     */
    private static int probe(IndexSettings settings) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String url : settings.solrUrls()) {
            var request = HttpRequest.newBuilder(URI.create(url + "/admin/info/system?wt=json"))
                    .timeout(Duration.ofSeconds(10));
            if (settings.solrUser() != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (settings.solrUser() + ":" + settings.solrPassword()).getBytes(StandardCharsets.UTF_8)));
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                // the next node
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }

    private static void create(CloudSolrClient client, IndexSettings settings) throws IOException, SolrServerException {
        List<String> configs = new ConfigSetAdminRequest.List().process(client).getConfigSets();
        if (!configs.contains(CONFIGSET)) {
            Path zip = Files.createTempFile("citebot-configset", ".zip");
            try {
                Files.write(zip, configsetZip());
                new ConfigSetAdminRequest.Upload().setConfigSetName(CONFIGSET).setUploadFile(zip, "application/octet-stream")
                        .process(client);
                log.info("Uploaded the configset {} to Solr", CONFIGSET);
            } catch (RuntimeException | SolrServerException | IOException e) {
                // another replica starting at the same time may have uploaded it first
                if (!new ConfigSetAdminRequest.List().process(client).getConfigSets().contains(CONFIGSET)) {
                    throw e;
                }
            } finally {
                Files.deleteIfExists(zip);
            }
        }
        try {
            CollectionAdminRequest.createCollection(settings.collection(), CONFIGSET, settings.shards(), settings.replicas())
                    .process(client);
            log.info("Created the Solr collection {} ({} shards x {} replicas)", settings.collection(), settings.shards(), settings.replicas());
        } catch (RuntimeException | SolrServerException | IOException e) {
            if (!CollectionAdminRequest.listCollections(client).contains(settings.collection())) {
                throw e;
            }
        }
    }

    /** The configset as a zip, from the classpath ({@code solr/conf/}). */
    static byte[] configsetZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : CONFIG_FILES) {
                try (InputStream in = SolrCollections.class.getResourceAsStream("/solr/conf/" + name)) {
                    if (in == null) {
                        throw new IOException("the configset file solr/conf/" + name + " is missing from the jar");
                    }
                    zip.putNextEntry(new ZipEntry(name));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** Waits until a search over every shard succeeds (a new collection's replicas take a moment to become active). */
    private static void waitUntilReady(CloudSolrClient client, String collection) throws IOException {
        long deadline = System.currentTimeMillis() + READY_MILLIS;
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("q", "*:*");
        p.set("rows", 0);
        while (true) {
            try {
                new QueryRequest(p).process(client, collection);
                return;
            } catch (SolrServerException | IOException | RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("the Solr collection " + collection + " did not become ready: " + SolrRequests.rootMessage(e), e);
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for Solr", ie);
                }
            }
        }
    }
}
