package dev.kexp.runtime.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.results.LoadSeriesFile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the engine uses connections: owned by users, reused by the open model, dropped on timeout.
 */
class LoadConnectionsTest {

  private static Vertx vertx;
  private static LoadEngine engine;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    engine = new LoadEngine(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** A server on 127.0.0.1 that counts the connections it accepted. */
  private record CountingServer(HttpServer server, AtomicInteger connections) {
    static CountingServer start(Consumer<HttpServerRequest> handler) {
      AtomicInteger connections = new AtomicInteger();
      HttpServer server =
          vertx
              .createHttpServer()
              .connectionHandler(c -> connections.incrementAndGet())
              .requestHandler(handler::accept)
              .listen(0, "127.0.0.1")
              .await();
      return new CountingServer(server, connections);
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.actualPort() + "/");
    }
  }

  private static LoadSummary run(LoadRequest request, LoadSegment segment) {
    return engine.run(
        request,
        List.of(segment),
        new SecondSink() {
          @Override
          public void accept(LoadSeriesFile.Row row) {}
        },
        () -> false);
  }

  @Test
  void eachClosedUserKeepsOneConnectionForAllItsRequests() {
    CountingServer target = CountingServer.start(req -> req.response().end("ok"));
    try {
      LoadSummary summary =
          run(
              LoadRequest.get(target.url(), Duration.ofSeconds(2)),
              LoadSegment.closed(4, 4, Duration.ofSeconds(1), "hold"));
      assertTrue(summary.completed() > 100, "completed " + summary.completed());
      assertEquals(0, summary.errors());
      assertEquals(4, target.connections().get(), "one connection per user");
    } finally {
      target.server().close().await();
    }
  }

  @Test
  void theOpenModelReusesIdleConnectionsInsteadOfOpeningOnePerRequest() {
    CountingServer target = CountingServer.start(req -> req.response().end("ok"));
    try {
      LoadSummary summary =
          run(
              LoadRequest.get(target.url(), Duration.ofSeconds(2)),
              LoadSegment.open(300, 300, Duration.ofSeconds(1), "rate"));
      assertEquals(300, summary.completed());
      // At 300/s against a server that answers at once, a handful are busy at any moment.
      assertTrue(
          target.connections().get() <= 30, "opened " + target.connections().get() + " for 300");
    } finally {
      target.server().close().await();
    }
  }

  @Test
  void aUserWhoseRequestTimesOutReconnectsAndGoesOn() {
    // Each connection's first request stalls; the requests after it are answered.
    Set<HttpConnection> seen = ConcurrentHashMap.newKeySet();
    CountingServer target =
        CountingServer.start(
            req -> {
              if (seen.add(req.connection()) && seen.size() <= 2) return;
              req.response().end("ok");
            });
    try {
      LoadSummary summary =
          run(
              LoadRequest.get(target.url(), Duration.ofMillis(200)),
              LoadSegment.closed(2, 2, Duration.ofMillis(1500), "hold"));
      assertEquals(2, summary.errors(), "the two stalled requests");
      assertTrue(summary.completed() > 20, "completed " + summary.completed());
      assertEquals(4, target.connections().get(), "each user replaced its timed-out connection");
    } finally {
      target.server().close().await();
    }
  }

  @Test
  void aResponseArrivingAfterItsTimeoutIsNotCountedAsCompleted() {
    CountingServer target =
        CountingServer.start(req -> vertx.setTimer(400, id -> req.response().end("late")));
    try {
      LoadSummary summary =
          run(
              LoadRequest.get(target.url(), Duration.ofMillis(150)),
              LoadSegment.open(10, 10, Duration.ofSeconds(1), "rate"));
      assertEquals(10, summary.sent());
      assertEquals(0, summary.completed());
      assertEquals(10, summary.errors());
    } finally {
      target.server().close().await();
    }
  }

  @Test
  void headersThatWouldSplitTheRequestAreRefusedUpFront() {
    URI url = URI.create("http://127.0.0.1:1/");
    IllegalArgumentException value =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new LoadRequest(
                    url,
                    "GET",
                    Map.of("X-Note", "a\r\nX-Injected: 1"),
                    null,
                    Duration.ofSeconds(1),
                    null));
    assertTrue(value.getMessage().contains("X-Note"), value.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LoadRequest(
                url, "GET", Map.of("Bad Name", "v"), null, Duration.ofSeconds(1), null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LoadRequest(url, "GET /x", Map.of(), null, Duration.ofSeconds(1), null));
  }
}
