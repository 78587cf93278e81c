package dev.kexp.runtime.cli;

import dev.kexp.dsl.model.Probe;
import dev.kexp.runtime.load.LiveStatus;
import dev.kexp.runtime.load.LoadEngine;
import dev.kexp.runtime.load.LoadRequest;
import dev.kexp.runtime.load.LoadSegment;
import dev.kexp.runtime.load.LoadSummary;
import dev.kexp.runtime.load.LoadVertx;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs a probe typed at the prompt with the load engine, as {@code kexp load} does: on this
 * machine's addresses only, with the live status line, and the same summary.
 */
final class ReplProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ReplProbe() {}

  /** Runs it and prints the summary; a bad URL is reported at the probe's line instead. */
  static void run(Probe probe, PrintWriter out, PrintStream status, BooleanSupplier stop) {
    URI target;
    try {
      target = LoadCommand.target(probe.url());
    } catch (IllegalArgumentException e) {
      out.println(probe.at() + ": " + e.getMessage());
      return;
    }
    LoadSegment segment =
        probe.rate() > 0
            ? LoadSegment.open(probe.rate(), probe.rate(), probe.over(), "probe")
            : LoadSegment.closed(probe.users(), probe.users(), probe.over(), "probe");
    LoadRequest request = new LoadRequest(target, "GET", Map.of(), null, TIMEOUT, Duration.ZERO);
    Vertx vertx = LoadVertx.create();
    LoadSummary summary;
    try {
      LiveStatus live = new LiveStatus(row -> {}, status, probe.over(), "");
      try {
        summary = new LoadEngine(vertx).run(request, List.of(segment), live, stop);
      } finally {
        live.finish();
      }
    } finally {
      vertx.close().await();
    }
    LoadCommand.print(out, summary);
    out.flush();
  }
}
