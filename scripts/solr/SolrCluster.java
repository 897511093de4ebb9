import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;

/**
 * A SolrCloud on loopback: NODES Solr nodes (Jetty) and an embedded ZooKeeper, from Solr 9.10.1's test framework.
 * Prints "zk HOST:PORT/solr" and then the node URLs, comma-separated, once the cluster is up; runs until killed.
 * Started by scripts/solr-cluster with the classpath of scripts/solr/pom.xml.
 */
public class SolrCluster {

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path base = Path.of(args.length > 1 ? args[1] : "solr-cluster").toAbsolutePath();
        Files.createDirectories(base);
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster(nodes, base, JettyConfig.builder().setContext("/solr").build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.shutdown();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        System.out.println("zk " + cluster.getZkServer().getZkAddress());
        System.out.println(cluster.getJettySolrRunners().stream().map(j -> j.getBaseUrl().toString()).collect(Collectors.joining(",")));
        System.out.flush();
        Thread.currentThread().join();
    }
}
