package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.BreakpointWatch;
import dev.kexp.runtime.exec.GeneratorCheck;
import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.load.LiveStatus;
import dev.kexp.runtime.load.LoadEngine;
import dev.kexp.runtime.load.LoadRequest;
import dev.kexp.runtime.load.LoadSegment;
import dev.kexp.runtime.load.LoadSummary;
import dev.kexp.runtime.load.SecondSink;
import dev.kexp.runtime.load.SeriesWriter;
import dev.kexp.runtime.plan.LoadTarget;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.plan.Threshold;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.EventsFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends the step's load with the {@link LoadEngine}, a row a second into series.csv, watching the
 * thresholds: a breakpoint is recorded in events.jsonl and may abort the phase.
 */
public final class LoadRunner implements StepRunner<Step.Load> {
  public Class<Step.Load> type() {
    return Step.Load.class;
  }

  /** Where the requests go, now that the run knows what the plan could not. */
  static URI url(LoadTarget target, RunContext run) {
    if (target instanceof LoadTarget.Function) {
      if (run.function == null) throw new IllegalStateException("the function is not being served");
      return URI.create(run.function.url());
    }
    if (target instanceof LoadTarget.Endpoint e) {
      // The plan can only name a NodePort the API server has not chosen yet; the deploy knows it.
      if (run.workloadUrl != null && run.workloadUrl.startsWith("http"))
        return URI.create(run.workloadUrl);
      return URI.create(e.planned());
    }
    return URI.create(((LoadTarget.Url) target).url());
  }

  /** The request every user or arrival sends; secrets revealed now, for the run only. */
  static LoadRequest request(Step.Load l, RunContext run) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Step.Header h : l.headers()) headers.put(h.name(), h.reveal());
    byte[] body = l.body() == null ? null : l.body().getBytes(StandardCharsets.UTF_8);
    return new LoadRequest(url(l.target(), run), l.method(), headers, body, l.timeout(), l.think());
  }

  static List<LoadSegment> segments(List<Step.Segment> planned, String phase) {
    List<LoadSegment> segments = new ArrayList<>();
    for (Step.Segment s : planned) {
      LoadSegment.Model model =
          s.model() == Step.LoadModel.OPEN ? LoadSegment.Model.OPEN : LoadSegment.Model.CLOSED;
      segments.add(new LoadSegment(model, s.from(), s.to(), s.duration(), phase));
    }
    return segments;
  }

  /** The run's series with its live status, behind a watch per threshold (returned in order). */
  static SecondSink watched(Step.Load l, RunContext run, List<BreakpointWatch> watches)
      throws java.io.IOException {
    if (run.series == null) run.series = new SeriesWriter(run.dir());
    SecondSink sink = new LiveStatus(run.series, run.log(), l.duration(), "               ");
    for (Threshold t : l.thresholds()) {
      BreakpointWatch w = new BreakpointWatch(sink, t);
      watches.add(w);
      sink = w;
    }
    return sink;
  }

  public void run(Step.Load l, RunContext run) throws Exception {
    LoadRequest request = request(l, run);
    List<LoadSegment> segments = segments(l.segments(), l.phase());
    List<BreakpointWatch> watches = new ArrayList<>();
    LoadSummary summary;
    try (GeneratorCheck generator = new GeneratorCheck(run)) {
      SecondSink sink = generator.tee(watched(l, run, watches), "local");
      summary =
          new LoadEngine(run.vertx())
              .run(
                  request,
                  segments,
                  sink,
                  () -> run.stopping() || watches.stream().anyMatch(BreakpointWatch::abort));
      generator.report(run, l.phase());
      for (BreakpointWatch w : watches) {
        w.found().ifPresent(f -> record(f, l, run, doubtful(f, generator)));
      }
    }
    run.say(
        "sent %d, completed %d, errors %d, dropped %d, peak %.0f req/s, p50 %.2f ms, p99 %.2f ms",
        summary.sent(),
        summary.completed(),
        summary.errors(),
        summary.dropped(),
        summary.peakRps(),
        summary.p50Ms(),
        summary.p99Ms());
  }

  /** A breakpoint whose window had a generator-bound second measured the loader, maybe. */
  static boolean doubtful(BreakpointWatch.Found f, GeneratorCheck generator) {
    long over = Math.max(1, f.threshold().over().toSeconds());
    return generator.boundWithin(f.at().second() - over + 1, f.at().second());
  }

  static void record(BreakpointWatch.Found f, Step.Load l, RunContext run, boolean doubtful) {
    String what =
        String.format(
                Locale.ROOT,
                "%s: breakpoint in %s at second %d (target %.0f, %.0f req/s, errors %.1f%%, p99 %.1f ms)%s",
                run.run().id(),
                l.phase(),
                f.at().second(),
                f.at().target(),
                f.at().rps(),
                f.errorShare() * 100,
                f.p99Ms(),
                f.threshold().abort() ? ", phase aborted" : "")
            + (doubtful ? " (doubtful: the generator was saturated in its window)" : "");
    run.breakpointBroke(what);
    Map<String, Object> fields =
        new LinkedHashMap<>(
            Map.of(
                EventsFile.SECOND,
                f.at().second(),
                EventsFile.TARGET,
                f.at().target(),
                EventsFile.RPS,
                f.at().rps(),
                EventsFile.ERROR_SHARE,
                f.errorShare(),
                EventsFile.P99_MS,
                f.p99Ms(),
                EventsFile.ABORT,
                f.threshold().abort()));
    if (doubtful) fields.put("doubtful", true);
    run.event(Event.BREAKPOINT, l.phase(), 0, fields);
    run.log().println("  " + what);
  }
}
