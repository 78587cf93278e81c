package dev.kexp.runtime.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.results.LoadSeriesFile;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the load engine must get right beyond counting: latency without coordinated omission, error
 * classes, limits.
 */
class LoadCorrectnessTest {
  private static Vertx vertx;
  private static HttpServer ok;
  private static HttpServer unavailable;

  @BeforeAll
  static void start() {
    vertx = LoadVertx.create();
    ok =
        vertx
            .createHttpServer()
            .requestHandler(r -> r.response().end("ok"))
            .listen(0, "127.0.0.1")
            .await();
    unavailable =
        vertx
            .createHttpServer()
            .requestHandler(r -> r.response().setStatusCode(503).end())
            .listen(0, "127.0.0.1")
            .await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static URI url(HttpServer s) {
    return URI.create("http://127.0.0.1:" + s.actualPort() + "/");
  }

  /**
   * The generator itself stalls for a second (as in a GC pause): the requests that should have gone
   * out meanwhile go late, and an open model must charge that wait to their latency, measured from
   * when they were due. A coordinated-omission-prone generator would report ~1 ms here.
   */
  @Test
  void openModelLatencyCountsFromTheIntendedSendTime() {
    LoadEngine engine = new LoadEngine(vertx);
    AtomicBoolean stalled = new AtomicBoolean();
    List<Context> loops = new ArrayList<>();
    // LoadVertx runs one event loop per core, and contexts made here take the loops in turn: so
    // one context per core blocks each loop exactly once.
    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
      loops.add(vertx.getOrCreateContext());
    }
    List<LoadSeriesFile.Row> rows = new ArrayList<>();
    SecondSink sink =
        row -> {
          rows.add(row);
          if (row.second() == 0 && stalled.compareAndSet(false, true)) {
            // Block every event loop for 1 s: the driver and all connections stop together.
            for (Context c : loops) c.runOnContext(v -> sleep(1000));
          }
        };
    LoadSummary s =
        engine.run(
            LoadRequest.get(url(ok), Duration.ofSeconds(5)),
            List.of(LoadSegment.open(200, 200, Duration.ofSeconds(4), "rate")),
            sink,
            () -> false);
    assertEquals(800, s.sent(), "every scheduled arrival is sent, late or not");
    assertEquals(0, s.errors());
    assertTrue(
        s.maxMs() >= 800,
        "the request due when the stall began waited about 1 s: max " + s.maxMs());
    assertTrue(s.p90Ms() >= 100, "a fifth of the arrivals fell in the stall: p90 " + s.p90Ms());
  }

  /**
   * Arrivals go out at their intended time to well under a millisecond. At 300/s they are due every
   * 3.33 ms: a generator driven by a millisecond tick sends them 3 or 4 ms apart, never 3.33, so
   * the gaps the server sees tell the two apart.
   */
  @Test
  void openModelSendsOnScheduleToWellUnderAMillisecond() {
    List<Long> received = java.util.Collections.synchronizedList(new ArrayList<>());
    HttpServer stamping =
        vertx
            .createHttpServer()
            .requestHandler(
                r -> {
                  received.add(System.nanoTime());
                  r.response().end("ok");
                })
            .listen(0, "127.0.0.1")
            .await();
    try {
      LoadEngine engine = new LoadEngine(vertx);
      // A cold JVM stalls for tenths of a second at a time while it loads and compiles code
      // (measured here): warm up first, as a measurement would.
      engine.run(
          LoadRequest.get(url(stamping), Duration.ofSeconds(5)),
          List.of(LoadSegment.open(1000, 1000, Duration.ofSeconds(2), "warm-up")),
          row -> {},
          () -> false);
      received.clear();
      LoadSummary s =
          engine.run(
              LoadRequest.get(url(stamping), Duration.ofSeconds(5)),
              List.of(LoadSegment.open(300, 300, Duration.ofSeconds(3), "rate")),
              row -> {},
              () -> false);
      assertEquals(900, s.completed());
      List<Long> times = new ArrayList<>(received);
      java.util.Collections.sort(times);
      List<Double> offBy = new ArrayList<>();
      for (int i = 1; i < times.size(); i++) {
        offBy.add(Math.abs((times.get(i) - times.get(i - 1)) / 1e6 - 1000.0 / 300));
      }
      java.util.Collections.sort(offBy);
      double median = offBy.get(offBy.size() / 2);
      assertTrue(median < 0.2, "median gap is off the schedule by " + median + " ms");
    } finally {
      stamping.close().await();
    }
  }

  @Test
  void serverErrorsAreHttp5xxWithTheirStatusCode() {
    LoadSummary s =
        new LoadEngine(vertx)
            .run(
                LoadRequest.get(url(unavailable), Duration.ofSeconds(5)),
                List.of(LoadSegment.closed(2, 2, Duration.ofSeconds(3), "hold")),
                row -> {},
                () -> false);
    assertTrue(s.completed() > 10, s.toString());
    assertEquals(s.completed(), s.errors(), "every 503 is an error");
    assertEquals(s.completed(), s.status().get(503));
  }

  /** A server that accepts and slams the connection shut: a transport error, not a status. */
  @Test
  void connectionsClosedByTheServerAreTransportErrors() throws Exception {
    try (ServerSocket slam = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!slam.isClosed()) {
                  try (Socket s = slam.accept()) {
                    s.setSoLinger(true, 0); // RST instead of FIN
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      List<LoadSeriesFile.Row> rows = new ArrayList<>();
      LoadSummary s =
          new LoadEngine(vertx)
              .run(
                  LoadRequest.get(
                      URI.create("http://127.0.0.1:" + slam.getLocalPort() + "/"),
                      Duration.ofSeconds(2)),
                  List.of(LoadSegment.closed(1, 1, Duration.ofSeconds(1), "hold")),
                  rows::add,
                  () -> false);
      assertTrue(s.errors() > 0);
      assertEquals(0, s.completed());
      long resetOrOther =
          rows.stream()
              .mapToLong(r -> r.errorsByClass().get("reset") + r.errorsByClass().get("other"))
              .sum();
      assertEquals(
          s.errors(),
          resetOrOther,
          "classified as reset (or other), never as an HTTP status: " + rows);
    }
  }

  @Test
  void aLoadNeedingMoreFilesThanTheProcessMayOpenIsRefusedUpFront() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LoadEngine.checkFileLimit(10_000_000));
    assertTrue(e.getMessage().contains("ulimit -n"), e.getMessage());
    LoadEngine.checkFileLimit(10); // a small load passes
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
