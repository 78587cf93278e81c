package dev.kexp.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kexp.runtime.load.LiveStatus;
import dev.kexp.runtime.load.LoadEngine;
import dev.kexp.runtime.load.LoadRequest;
import dev.kexp.runtime.load.LoadSegment;
import dev.kexp.runtime.load.LoadSummary;
import dev.kexp.runtime.load.LoadVertx;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kexp load URL}: the load engine without a .kexp file, for quick probes and for the
 * benchmark against wrk and hey. Prints a summary like hey's; {@code --json} writes it for tools.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Send HTTP load to a URL and print a summary, like hey or k6.",
      "Closed model with --users (virtual users), open model with --rate (requests per second);",
      "--ramp A..B ramps the users (or, with --rate, the rate) from A to B over --duration."
    })
final class LoadCommand implements Callable<Integer> {
  @Parameters(paramLabel = "URL", description = "http:// URL on this machine (127.0.0.0/8)")
  String url;

  @Option(names = "--users", paramLabel = "N", description = "virtual users (default 10)")
  Integer users;

  @Option(names = "--rate", paramLabel = "R", description = "requests per second (open model)")
  Double rate;

  @Option(names = "--ramp", paramLabel = "A..B", description = "ramp from A to B over the duration")
  String ramp;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "D",
      description = "e.g. 500ms, 10s, 5m, 1h (default 10s)")
  String duration = "10s";

  @Option(
      names = "--warmup",
      paramLabel = "D",
      description =
          "load first for D, not measured; an open-model warm-up ramps its rate up from 0"
              + " (default 0s)")
  String warmup = "0s";

  @Option(
      names = {"-m", "--method"},
      description = "HTTP method (default GET)")
  String method = "GET";

  @Option(
      names = {"-b", "--body"},
      description = "request body")
  String body;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "NAME:VALUE",
      description = "request header, repeatable")
  List<String> headers = List.of();

  @Option(names = "--timeout", paramLabel = "D", description = "per request (default 30s)")
  String timeout = "30s";

  @Option(
      names = "--think",
      paramLabel = "D",
      description = "pause of each user between requests (default 0s)")
  String think = "0s";

  @Option(names = "--json", paramLabel = "FILE", description = "also write the summary as JSON")
  Path json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  private static final Pattern RANGE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\.\\.(\\d+(?:\\.\\d+)?)");

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    URI target;
    Duration length;
    Duration warm;
    LoadRequest request;
    List<LoadSegment> segments;
    try {
      target = target(url);
      length = parseDuration("--duration", duration);
      warm = parseDuration("--warmup", warmup);
      Map<String, String> hs = new LinkedHashMap<>();
      for (String h : headers) {
        int colon = h.indexOf(':');
        if (colon <= 0)
          throw new IllegalArgumentException("--header expects NAME:VALUE, got '" + h + "'");
        hs.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
      }
      request =
          new LoadRequest(
              target,
              method.toUpperCase(Locale.ROOT),
              hs,
              body == null ? null : body.getBytes(StandardCharsets.UTF_8),
              parseDuration("--timeout", timeout),
              parseDuration("--think", think));
      segments = List.of(segment(length));
    } catch (IllegalArgumentException e) {
      err.println("kexp load: " + e.getMessage());
      return KexpCommand.INVALID;
    }

    AtomicBoolean stop = new AtomicBoolean();
    Thread onCtrlC = new Thread(() -> stop.set(true), "kexp-load-stop");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    Vertx vertx = LoadVertx.create();
    LoadSummary summary;
    try {
      LoadEngine engine = new LoadEngine(vertx);
      List<LoadSegment> profile = segments;
      if (!warm.isZero()) {
        LoadSegment first = segments.get(0);
        double level = first.from() == 0 ? first.to() : first.from();
        List<LoadSegment> withWarmUp = new ArrayList<>();
        // In the same run as the measured part, so that it starts on warm connections and
        // code. An open-model warm-up ramps its rate up from zero: at the full rate a cold JVM (a
        // few thousand requests a second here) piles up a backlog instead of warming up.
        withWarmUp.add(
            new LoadSegment(
                    first.model(),
                    first.model() == LoadSegment.Model.OPEN ? 0 : level,
                    level,
                    warm,
                    "warmup")
                .unmeasured());
        withWarmUp.addAll(segments);
        profile = withWarmUp;
      }
      LiveStatus status = new LiveStatus(row -> {}, System.err, length.plus(warm), "");
      try {
        summary = engine.run(request, profile, status, stop::get);
      } finally {
        status.finish();
      }
    } catch (IllegalArgumentException e) {
      err.println("kexp load: " + e.getMessage());
      return KexpCommand.INVALID;
    } finally {
      vertx.close().await();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook already asked the engine to stop.
      }
    }
    print(out, summary);
    if (json != null) {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(json.toFile(), toJson(summary));
    }
    out.flush();
    return summary.stoppedEarly() ? KexpCommand.FAILED : KexpCommand.OK;
  }

  private LoadSegment segment(Duration length) {
    double from;
    double to;
    if (ramp != null) {
      Matcher m = RANGE.matcher(ramp);
      if (!m.matches())
        throw new IllegalArgumentException(
            "--ramp expects A..B such as 0..100, got '" + ramp + "'");
      from = Double.parseDouble(m.group(1));
      to = Double.parseDouble(m.group(2));
    } else if (rate != null) {
      from = to = rate;
    } else {
      from = to = users == null ? 10 : users;
    }
    if (rate != null && users != null)
      throw new IllegalArgumentException("give --users or --rate, not both");
    if (rate != null && rate <= 0) throw new IllegalArgumentException("--rate must be positive");
    if (users != null && users <= 0) throw new IllegalArgumentException("--users must be positive");
    return rate != null
        ? LoadSegment.open(from, to, length, "load")
        : LoadSegment.closed(from, to, length, "load");
  }

  /**
   * Only this machine: a benchmark tool must not be pointed at someone else's server by accident.
   */
  static URI target(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL");
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("'" + url + "' is not an http:// URL");
    }
    try {
      if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "kexp load sends traffic only to this machine (127.0.0.0/8, ::1); '"
                + uri.getHost()
                + "' is not");
      }
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("unknown host '" + uri.getHost() + "'");
    }
    return uri;
  }

  static Duration parseDuration(String option, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option + " expects a duration such as 500ms, 10s, 5m or 1h, got '" + text + "'");
    }
    double v = Double.parseDouble(m.group(1));
    long perUnit =
        switch (m.group(2)) {
          case "ms" -> 1;
          case "s" -> 1_000;
          case "m" -> 60_000;
          default -> 3_600_000;
        };
    return Duration.ofMillis(Math.round(v * perUnit));
  }

  static void print(PrintWriter out, LoadSummary s) {
    out.printf(Locale.ROOT, "%nSummary:%n");
    out.printf(
        Locale.ROOT,
        "  Requests:   %d completed in %.2f s, %.1f req/s (peak %.0f)%n",
        s.completed(),
        s.seconds(),
        s.rps(),
        s.peakRps());
    double share = s.sent() == 0 ? 0 : 100.0 * s.errors() / s.sent();
    out.printf(
        Locale.ROOT,
        "  Errors:     %d (%.2f %%), dropped %d%s%n",
        s.errors(),
        share,
        s.dropped(),
        s.stoppedEarly() ? ", stopped early" : "");
    out.printf(
        Locale.ROOT,
        "  Latency:    p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
        s.p50Ms(),
        s.p90Ms(),
        s.p99Ms(),
        s.p999Ms(),
        s.maxMs());
    StringBuilder codes = new StringBuilder();
    s.status()
        .forEach(
            (code, n) ->
                codes.append(codes.length() == 0 ? "" : ", ").append(code).append(": ").append(n));
    out.printf(Locale.ROOT, "  Status:     %s%n", codes.length() == 0 ? "none" : codes);
  }

  static Map<String, Object> toJson(LoadSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", s.completed());
    m.put("sent", s.sent());
    m.put("duration_s", s.seconds());
    m.put("rps", s.rps());
    m.put("errors", s.errors());
    m.put("dropped", s.dropped());
    Map<String, Long> status = new LinkedHashMap<>();
    s.status().forEach((code, n) -> status.put(Integer.toString(code), n));
    m.put("status", status);
    Map<String, Double> latency = new LinkedHashMap<>();
    latency.put("p50", s.p50Ms());
    latency.put("p90", s.p90Ms());
    latency.put("p99", s.p99Ms());
    latency.put("p999", s.p999Ms());
    latency.put("max", s.maxMs());
    m.put("latency_ms", latency);
    return m;
  }
}
