package dev.kexp.runtime.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx on 127.0.0.1 that answers {@code ok} and logs every request, one line each: its
 * count is the server's own count of what the load generators sent.
 */
final class Nginx implements AutoCloseable {
  private final Process process;
  private final Path log;
  final int port;

  private Nginx(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static Nginx start(Path dir) throws IOException, InterruptedException {
    Path binary = Path.of("/usr/sbin/nginx");
    if (!Files.isExecutable(binary)) {
      if ("true".equals(System.getenv("CI")))
        throw new IllegalStateException("CI=true but no nginx");
      Assumptions.abort("skipped: no nginx (/usr/sbin/nginx)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.createDirectories(dir.resolve("logs"));
    Path log = dir.resolve("logs/requests.log");
    String conf =
        """
        daemon off;
        master_process off;
        worker_processes 1;
        pid %s/nginx.pid;
        error_log %s/logs/error.log;
        events { worker_connections 4096; }
        http {
            log_format count '$request';
            access_log %s count;
            client_body_temp_path %s/tmp;
            proxy_temp_path %s/tmp;
            fastcgi_temp_path %s/tmp;
            uwsgi_temp_path %s/tmp;
            scgi_temp_path %s/tmp;
            keepalive_requests 1000000;
            server {
                listen 127.0.0.1:%d backlog=4096;
                location / { return 200 "ok"; }
            }
        }
        """
            .formatted(dir, dir, log, dir, dir, dir, dir, dir, port);
    Path confFile = dir.resolve("nginx.conf");
    Files.writeString(confFile, conf);
    Process p =
        new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", confFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("logs/stdout.log").toFile())
            .start();
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new Nginx(p, log, port);
      } catch (IOException notYet) {
        if (!p.isAlive()) break;
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IOException(
        "nginx did not start: " + Files.readString(dir.resolve("logs/stdout.log")));
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** Requests the server has answered so far (nginx writes a request's line when it ends). */
  long requests() throws IOException {
    if (!Files.exists(log)) return 0;
    try (var lines = Files.lines(log)) {
      return lines.count();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
