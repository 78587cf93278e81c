package dev.kexp.runtime.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prometheus's HTTP API, {@code /api/v1/query_range}, through the Vert.x web client (the load
 * engine's Vert.x instance, so no second event loop is started). Blocking: it is called between
 * steps, never on an event loop.
 */
public final class PrometheusClient implements AutoCloseable {

  /** One time series of a range query: its labels and its (epoch ms, value) points. */
  public record Series(Map<String, String> labels, List<Point> points) {
    public Series {
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      points = List.copyOf(points);
    }
  }

  public record Point(long epochMs, double value) {}

  /** Prometheus could not be reached or refused the query; the message says which. */
  public static final class QueryFailed extends IOException {
    public QueryFailed(String message) {
      super(message);
    }
  }

  /** Prometheus refuses ranges of more than 11,000 points; kexp stays well below. */
  static final int MAX_POINTS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebClient client;
  private final Duration timeout;

  public PrometheusClient(Vertx vertx, Duration timeout) {
    this.timeout = timeout;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setUserAgent("kexp"));
  }

  /**
   * The step for a window: {@code preferred}, widened if the window would have more points than
   * Prometheus serves in one query.
   */
  public static Duration step(Instant start, Instant end, Duration preferred) {
    long windowMs = Math.max(0, Duration.between(start, end).toMillis());
    long minimum = (windowMs + MAX_POINTS - 1) / MAX_POINTS;
    return Duration.ofMillis(Math.max(preferred.toMillis(), Math.max(1000, minimum)));
  }

  public List<Series> queryRange(
      String baseUrl, String promql, Instant start, Instant end, Duration step) throws QueryFailed {
    String url = baseUrl.replaceAll("/+$", "") + "/api/v1/query_range";
    HttpResponse<Buffer> response;
    try {
      response =
          client
              .getAbs(url)
              .addQueryParam("query", promql)
              .addQueryParam("start", seconds(start.toEpochMilli()))
              .addQueryParam("end", seconds(end.toEpochMilli()))
              .addQueryParam("step", seconds(step.toMillis()))
              .timeout(timeout.toMillis())
              .send()
              .toCompletionStage()
              .toCompletableFuture()
              .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new QueryFailed("cannot reach " + url + ": " + describe(cause));
    } catch (TimeoutException e) {
      throw new QueryFailed("no answer from " + url + " within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryFailed("interrupted while querying " + url);
    }
    return parse(url, response.statusCode(), response.bodyAsString());
  }

  /** Parses a query_range answer; Prometheus reports errors in the body, with 400 or 422. */
  static List<Series> parse(String url, int status, String body) throws QueryFailed {
    JsonNode root;
    try {
      root = body == null ? null : JSON.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw new QueryFailed(url + " answered HTTP " + status + " without a Prometheus JSON body");
    }
    if (!"success".equals(root.path("status").asText())) {
      throw new QueryFailed(
          url
              + " refused the query ("
              + root.path("errorType").asText("HTTP " + status)
              + "): "
              + root.path("error").asText(""));
    }
    List<Series> out = new ArrayList<>();
    for (JsonNode r : root.path("data").path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      r.path("metric")
          .fields()
          .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
      List<Point> points = new ArrayList<>();
      for (JsonNode v : r.path("values")) {
        // [ <unix seconds as a float>, "<value as a string>" ]
        long ms = Math.round(v.get(0).asDouble() * 1000);
        points.add(new Point(ms, value(v.get(1).asText())));
      }
      out.add(new Series(labels, points));
    }
    return out;
  }

  /** Prometheus spells infinities +Inf and -Inf, which Java does not parse. */
  static double value(String s) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() {
    client.close();
  }
}
