import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.cloud.ZkTestServer;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud on loopback from Solr 9.10.1's test framework, one JVM per part so that a node can be killed for real:
 * <ul>
 *   <li>{@code zk DIR}: an embedded ZooKeeper with the {@code /solr} chroot; prints "zk HOST:PORT/solr". With
 *   {@code CITEBOT_SOLR_TEST_AUTH=USER:PASSWORD} in the environment the cluster asks every request for that user
 *   (Solr's BasicAuthPlugin, {@code blockUnknown}), as a production cluster should.</li>
 *   <li>{@code node HOME ZK PORT}: one Solr node (Jetty) on 127.0.0.1:PORT (0: any free port) joined to ZK; prints its URL.</li>
 * </ul>
 * Each runs until killed. Started by scripts/solr-cluster with the classpath of scripts/solr/pom.xml.
 */
public class SolrCluster {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "zk" -> zookeeper(Path.of(args[1]).toAbsolutePath());
            case "node" -> node(Path.of(args[1]).toAbsolutePath(), args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("usage: zk DIR | node HOME ZK PORT");
        }
    }

    private static void zookeeper(Path dir) throws Exception {
        Files.createDirectories(dir);
        ZkTestServer zk = new ZkTestServer(dir);
        zk.run();
        zk.ensurePathExists("/solr");
        String auth = System.getenv("CITEBOT_SOLR_TEST_AUTH");
        if (auth != null && auth.contains(":")) {
            String user = auth.substring(0, auth.indexOf(':'));
            // the client ZkTestServer gives is rooted at the /solr chroot, where the nodes look for security.json
            String hashed = org.apache.solr.security.Sha256AuthenticationProvider.getSaltedHashedValue(auth.substring(auth.indexOf(':') + 1));
            String security = "{\"authentication\": {\"class\": \"solr.BasicAuthPlugin\", \"blockUnknown\": true,"
                    + " \"credentials\": {\"" + user + "\": \"" + hashed + "\"}},"
                    + " \"authorization\": {\"class\": \"solr.RuleBasedAuthorizationPlugin\","
                    + " \"permissions\": [{\"name\": \"all\", \"role\": \"admin\"}], \"user-role\": {\"" + user + "\": \"admin\"}}}";
            zk.getZkClient().makePath("/security.json", security.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                zk.shutdown();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        System.out.println("zk " + zk.getZkAddress());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void node(Path home, String zk, int port) throws Exception {
        Files.createDirectories(home);
        if (port == 0) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        }
        Files.writeString(home.resolve("solr.xml"), MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML);
        System.setProperty("hostPort", Integer.toString(port));
        // a killed node leaves ZooKeeper's live nodes after this long
        System.setProperty("solr.zkclienttimeout", "10000");
        Properties props = new Properties();
        props.setProperty("zkHost", zk);
        props.setProperty("hostPort", Integer.toString(port));
        JettySolrRunner jetty = new JettySolrRunner(home.toString(), props,
                JettyConfig.builder().setContext("/solr").setPort(port).stopAtShutdown(true).build());
        jetty.start();
        System.out.println(jetty.getBaseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
