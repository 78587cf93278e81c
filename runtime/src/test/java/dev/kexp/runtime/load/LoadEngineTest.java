package dev.kexp.runtime.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.function.EmbeddedFunctionServer;
import dev.kexp.runtime.results.LoadSeriesFile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real load against real servers on 127.0.0.1, a few seconds per test. */
class LoadEngineTest {

  private static Vertx vertx;
  private static EmbeddedFunctionServer function;
  private static LoadEngine engine;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    function = EmbeddedFunctionServer.start(vertx, "factorial", 100);
    engine = new LoadEngine(vertx);
  }

  @AfterAll
  static void stop() {
    function.close();
    vertx.close().await();
  }

  /** Keeps rows and histograms in memory, optionally also passing them on. */
  private static final class Collected implements SecondSink {
    final List<LoadSeriesFile.Row> rows = new ArrayList<>();
    final List<Histogram> histograms = new ArrayList<>();
    private final SecondSink next;

    Collected(SecondSink next) {
      this.next = next;
    }

    Collected() {
      this(null);
    }

    @Override
    public void accept(LoadSeriesFile.Row row) {
      rows.add(row);
      if (next != null) {
        next.accept(row);
      }
    }

    @Override
    public void acceptHistogram(Histogram interval) {
      histograms.add(interval);
      if (next != null) {
        next.acceptHistogram(interval);
      }
    }

    long sum(java.util.function.ToDoubleFunction<LoadSeriesFile.Row> field) {
      return Math.round(rows.stream().mapToDouble(field).sum());
    }
  }

  private static LoadRequest functionGet() {
    return LoadRequest.get(URI.create(function.url()), Duration.ofSeconds(2));
  }

  @Test
  void closedHoldOfFourUsersReportsEverySecondWithoutErrors(@TempDir Path dir) throws Exception {
    long servedBefore = function.served();
    Collected sink;
    LoadSummary summary;
    try (SeriesWriter writer = new SeriesWriter(dir)) {
      sink = new Collected(writer);
      summary =
          engine.run(
              functionGet(),
              List.of(LoadSegment.closed(4, 4, Duration.ofSeconds(3), "hold")),
              sink,
              () -> false);
    }

    assertTrue(sink.rows.size() >= 2 && sink.rows.size() <= 4, "rows: " + sink.rows.size());
    for (int i = 0; i < sink.rows.size(); i++) {
      LoadSeriesFile.Row row = sink.rows.get(i);
      assertEquals(i, row.second());
      assertEquals("hold", row.phase());
      assertEquals(4.0, row.target(), 1e-9);
      assertTrue(row.active() <= 4, "active " + row.active());
      assertEquals(0, row.errors());
    }
    assertEquals(4, sink.rows.get(0).active(), "four users running after the first second");
    assertTrue(summary.completed() > 0);
    assertEquals(0, summary.errors());
    assertEquals(0, summary.dropped());
    assertFalse(summary.stoppedEarly());
    assertEquals(summary.sent(), summary.completed(), "nothing left in flight");
    assertEquals(summary.completed(), sink.sum(LoadSeriesFile.Row::completed));
    assertEquals(summary.sent(), sink.sum(LoadSeriesFile.Row::sent));
    assertTrue(function.served() - servedBefore >= summary.completed());
    assertTrue(summary.p50Ms() > 0 && summary.p50Ms() <= summary.p99Ms());
    assertTrue(summary.p99Ms() <= summary.maxMs());
    assertTrue(summary.peakRps() > 0);

    assertEquals(sink.rows.size() + 1, Files.readAllLines(dir.resolve("load.csv")).size());
    assertEquals(sink.rows.size(), Files.readAllLines(dir.resolve("load.jsonl")).size());
    long logged = 0;
    int intervals = 0;
    try (HistogramLogReader reader = new HistogramLogReader(dir.resolve("latency.hlog").toFile())) {
      for (var h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
        logged += ((Histogram) h).getTotalCount();
        intervals++;
      }
    }
    assertEquals(sink.rows.size(), intervals);
    assertEquals(summary.completed(), logged, "every response's latency is in the log");
  }

  @Test
  void theLastSecondOfAHoldReportsItsUsersNotTheDrainedZero() {
    Collected sink = new Collected();
    engine.run(
        functionGet(),
        List.of(LoadSegment.closed(3, 3, Duration.ofSeconds(2), "hold")),
        sink,
        () -> false);
    LoadSeriesFile.Row last = sink.rows.get(sink.rows.size() - 1);
    // The drain after the profile's end retires every user before the last row is cut; that row
    // still belongs to the hold, and a chart of users must not dip to 0 there.
    assertEquals(3, last.active(), "active in the last row " + sink.rows);
  }

  @Test
  void closedRampRaisesTargetAndUsers() {
    Collected sink = new Collected();
    LoadSummary summary =
        engine.run(
            functionGet(),
            List.of(LoadSegment.closed(0, 10, Duration.ofSeconds(3), "ramp")),
            sink,
            () -> false);
    assertTrue(sink.rows.size() >= 3, "rows: " + sink.rows.size());
    // Targets are taken mid-second: 10/6, 10/2, 50/6.
    assertEquals(10.0 / 6, sink.rows.get(0).target(), 0.05);
    assertEquals(5.0, sink.rows.get(1).target(), 0.05);
    assertEquals(50.0 / 6, sink.rows.get(2).target(), 0.05);
    // At the end of the second second the target is 6.7, so round(6.7) = 7 users should run.
    int active = (int) sink.rows.get(1).active();
    assertTrue(active >= 5 && active <= 8, "active at 2 s: " + active);
    assertTrue(sink.rows.get(0).active() < active);
    assertEquals(0, summary.errors());
  }

  @Test
  void theLastRowKeepsTheTargetOfTheProfilesLastSecondHoweverLongTheDrain() {
    HttpServer slow =
        vertx
            .createHttpServer()
            .requestHandler(r -> vertx.setTimer(700, id -> r.response().end("ok")))
            .listen(0, "127.0.0.1")
            .await();
    try {
      Collected sink = new Collected();
      engine.run(
          LoadRequest.get(
              URI.create("http://127.0.0.1:" + slow.actualPort() + "/"), Duration.ofSeconds(5)),
          List.of(LoadSegment.closed(0, 10, Duration.ofSeconds(2), "ramp")),
          sink,
          () -> false);
      assertEquals(2, sink.rows.size());
      // The last row, cut up to 0.7 s after the end, still stands for the second from 1 s to 2 s.
      assertEquals(7.5, sink.rows.get(1).target(), 0.05);
    } finally {
      slow.close().await();
    }
  }

  @Test
  void aWarmUpSegmentIsReportedButLeftOutOfTheSummary() {
    Collected sink = new Collected();
    LoadSummary summary =
        engine.run(
            functionGet(),
            List.of(
                LoadSegment.open(0, 200, Duration.ofSeconds(1), "warmup").unmeasured(),
                LoadSegment.open(100, 100, Duration.ofSeconds(1), "load")),
            sink,
            () -> false);
    assertEquals(
        List.of("warmup", "load"), sink.rows.stream().map(LoadSeriesFile.Row::phase).toList());
    // Only the measured second counts: its 100 arrivals, not the warm-up's 100 more.
    assertEquals(100, summary.sent());
    assertEquals(100, summary.completed());
    assertEquals(sink.rows.get(1).completed(), summary.completed());
    assertEquals(Map.of(200, 100L), summary.status());
    assertEquals(1.0, summary.seconds(), 0.05);
  }

  @Test
  void openRateSendsOnScheduleWithoutDrops() {
    Collected sink = new Collected();
    LoadSummary summary =
        engine.run(
            functionGet(),
            List.of(LoadSegment.open(200, 200, Duration.ofSeconds(3), "rate")),
            sink,
            () -> false);
    assertEquals(600, summary.sent(), "200/s for 3 s");
    assertEquals(0, summary.dropped());
    assertEquals(0, summary.errors());
    assertEquals(summary.sent(), summary.completed());
    assertEquals(3, sink.rows.size(), "rows");
    for (LoadSeriesFile.Row row : sink.rows) {
      assertEquals(200.0, row.target(), 1e-9);
      assertTrue(row.sent() >= 170 && row.sent() <= 230, "sent in second: " + row.sent());
    }
  }

  @Test
  void refusedConnectionsAreCountedAsConnectRefused() throws Exception {
    int port;
    // Bind then release a port, so nothing listens on it during the run.
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Collected sink = new Collected();
    LoadSummary summary =
        engine.run(
            LoadRequest.get(URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(1)),
            List.of(LoadSegment.open(50, 50, Duration.ofSeconds(1), "refused")),
            sink,
            () -> false);
    assertTrue(summary.sent() > 0);
    assertEquals(0, summary.completed());
    assertEquals(summary.sent(), summary.errors());
    long refused =
        sink.rows.stream().mapToLong(r -> r.errorsByClass().get("connect_refused")).sum();
    assertEquals(summary.errors(), refused);
  }

  @Test
  void errorStatusesAreCountedByClass() {
    LoadRequest badBody =
        new LoadRequest(
            URI.create(function.url()),
            "POST",
            Map.of("content-type", "text/plain"),
            "not a number".getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(2),
            Duration.ofMillis(20));
    Collected sink = new Collected();
    LoadSummary summary =
        engine.run(
            badBody,
            List.of(LoadSegment.closed(2, 2, Duration.ofSeconds(1), "bad")),
            sink,
            () -> false);
    assertTrue(summary.completed() > 0);
    assertEquals(summary.completed(), summary.errors(), "every response is a 400");
    assertEquals(summary.errors(), sink.sum(r -> r.errorsByClass().get("http_4xx")));
    // 20 ms of think time caps each user at about 50 requests per second.
    assertTrue(summary.completed() <= 2 * 55, "completed " + summary.completed());
  }

  @Test
  void unansweredRequestsTimeOut() {
    HttpServer silent =
        vertx.createHttpServer().requestHandler(request -> {}).listen(0, "127.0.0.1").await();
    try {
      Collected sink = new Collected();
      LoadSummary summary =
          engine.run(
              LoadRequest.get(
                  URI.create("http://127.0.0.1:" + silent.actualPort() + "/"),
                  Duration.ofMillis(300)),
              List.of(LoadSegment.open(10, 10, Duration.ofSeconds(1), "silent")),
              sink,
              () -> false);
      assertEquals(10, summary.sent());
      assertEquals(0, summary.completed());
      assertEquals(10, sink.sum(r -> r.errorsByClass().get("timeout")));
    } finally {
      silent.close().await();
    }
  }

  @Test
  void arrivalsBeyondTheInFlightCapAreDropped() {
    HttpServer silent =
        vertx.createHttpServer().requestHandler(request -> {}).listen(0, "127.0.0.1").await();
    try {
      // 1000/s against a server that never answers: after one second the 1000 requests in flight
      // fill the cap (max(peak rate, 1000)), so the next 0.2 s of arrivals are dropped.
      LoadSummary summary =
          engine.run(
              LoadRequest.get(
                  URI.create("http://127.0.0.1:" + silent.actualPort() + "/"),
                  Duration.ofMillis(1500)),
              List.of(LoadSegment.open(1000, 1000, Duration.ofMillis(1200), "overload")),
              new Collected(),
              () -> false);
      assertEquals(LoadEngine.MIN_IN_FLIGHT_CAP, summary.sent());
      assertEquals(200, summary.dropped());
      assertEquals(0, summary.completed());
      assertEquals(summary.sent(), summary.errors(), "all sent requests timed out");
    } finally {
      silent.close().await();
    }
  }

  @Test
  void runRefusesToBlockAnEventLoop() throws Exception {
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    vertx.runOnContext(
        v -> {
          try {
            engine.run(
                functionGet(),
                List.of(LoadSegment.closed(1, 1, Duration.ofSeconds(1), "x")),
                new Collected(),
                () -> true);
            outcome.complete(null);
          } catch (RuntimeException e) {
            outcome.complete(e);
          }
        });
    Throwable failure = outcome.get(5, TimeUnit.SECONDS);
    assertTrue(failure instanceof IllegalStateException, String.valueOf(failure));
  }

  @Test
  void stopRequestEndsALongHoldEarly() {
    long start = System.nanoTime();
    Collected sink = new Collected();
    LoadSummary summary =
        engine.run(
            functionGet(),
            List.of(LoadSegment.closed(2, 2, Duration.ofSeconds(10), "long")),
            sink,
            () -> System.nanoTime() - start > 1_000_000_000L);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(summary.stoppedEarly());
    assertTrue(seconds < 3, "returned after " + seconds + " s");
    assertTrue(sink.rows.size() >= 1 && sink.rows.size() <= 3, "rows " + sink.rows.size());
    assertTrue(summary.completed() > 0);
    assertEquals(summary.sent(), summary.completed() + summary.errors());
  }
}
