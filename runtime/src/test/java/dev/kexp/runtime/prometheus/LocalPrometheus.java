package dev.kexp.runtime.prometheus;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus scraping a real node_exporter, both from the Debian packages, started on free
 * loopback ports in a temporary directory, scraping every second. Absent binaries skip the tests on
 * a developer machine, but fail them in CI (CI=true), where .ci/run installs the packages.
 */
final class LocalPrometheus implements AutoCloseable {
  static final String PROMETHEUS = "/usr/bin/prometheus";
  static final String NODE_EXPORTER = "/usr/bin/prometheus-node-exporter";

  final String url;
  private final Process exporter;
  private final Process prometheus;

  private LocalPrometheus(String url, Process exporter, Process prometheus) {
    this.url = url;
    this.exporter = exporter;
    this.prometheus = prometheus;
  }

  static void assumeInstalled() {
    boolean present =
        Files.isExecutable(Path.of(PROMETHEUS)) && Files.isExecutable(Path.of(NODE_EXPORTER));
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(
          "CI=true but "
              + PROMETHEUS
              + " or "
              + NODE_EXPORTER
              + " is missing; .ci/run installs them (apt packages prometheus, prometheus-node-exporter)");
    }
    assumeTrue(
        present,
        "skipped: Prometheus or node_exporter is not installed (apt-get install prometheus prometheus-node-exporter)");
  }

  static LocalPrometheus start(Path dir) throws Exception {
    assumeInstalled();
    int exporterPort = freePort();
    int promPort = freePort();
    Process exporter =
        new ProcessBuilder(
                NODE_EXPORTER,
                "--web.listen-address=127.0.0.1:" + exporterPort,
                "--collector.disable-defaults",
                "--collector.cpu",
                "--collector.meminfo",
                "--collector.stat")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("node-exporter.log").toFile())
            .start();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
            + "scrape_configs:\n"
            + "  - job_name: node\n"
            + "    static_configs: [{targets: ['127.0.0.1:"
            + exporterPort
            + "']}]\n");
    Process prometheus =
        new ProcessBuilder(
                PROMETHEUS,
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + promPort,
                "--storage.tsdb.retention.time=1h")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    LocalPrometheus p = new LocalPrometheus("http://127.0.0.1:" + promPort, exporter, prometheus);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!p.ready()) {
      if (System.nanoTime() > deadline || !prometheus.isAlive()) {
        p.close();
        fail("Prometheus did not become ready: " + Files.readString(dir.resolve("prometheus.log")));
      }
      Thread.sleep(100);
    }
    return p;
  }

  private boolean ready() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(url + "/-/ready").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(500);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : List.of(prometheus, exporter)) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
    }
  }
}
