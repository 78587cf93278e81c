package dev.kexp.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.model.Breakpoint;
import dev.kexp.dsl.model.Percent;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.runtime.plan.Threshold;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The breakpoint detector on crafted series, second by second. */
class BreakpointWatchTest {
  static LoadSeriesFile.Row second(int s, long completed, long errors, double p99) {
    return new LoadSeriesFile.Row(
        1_000L * s,
        s,
        "ramp",
        100.0 * s,
        10,
        completed,
        completed,
        errors,
        0,
        completed,
        1,
        2,
        p99,
        p99,
        p99,
        Map.of("http_5xx", errors)); // errors are 5xx responses
  }

  @Test
  void theFirstWindowAboveTheErrorShareIsTheBreakpoint() {
    List<LoadSeriesFile.Row> passed = new ArrayList<>();
    Breakpoint b =
        new Breakpoint(new Percent(5), null, Duration.ofSeconds(3), false, SourceRef.NONE);
    BreakpointWatch w = new BreakpointWatch(passed::add, Threshold.of(b));
    // 1000 responses a second; errors 0, 0, 40, 60, 80, 300 ...: the 3 s window ending at second 4
    // holds 180/3000 = 6 %, the first above 5 % (the one ending at 3 holds 100/3000).
    long[] errors = {0, 0, 40, 60, 80, 300, 0};
    for (int s = 0; s < errors.length; s++) w.accept(second(s, 1000, errors[s], 5));
    assertEquals(errors.length, passed.size(), "every row passes through");
    assertTrue(w.found().isPresent());
    assertEquals(4, w.found().get().at().second());
    assertEquals(0.06, w.found().get().errorShare(), 1e-9);
    assertFalse(w.abort(), "without abort: true the phase goes on");
  }

  @Test
  void aP99BoundWithAbortStopsThePhase() {
    Breakpoint b =
        new Breakpoint(null, Duration.ofMillis(200), Duration.ofSeconds(2), true, SourceRef.NONE);
    BreakpointWatch w = new BreakpointWatch(row -> {}, Threshold.of(b));
    w.accept(second(0, 100, 0, 50));
    w.accept(second(1, 100, 0, 150));
    assertTrue(w.found().isEmpty());
    w.accept(second(2, 100, 0, 250));
    assertEquals(2, w.found().orElseThrow().at().second());
    assertTrue(w.abort());
  }

  /** Refused connections have no response: they are failed attempts all the same. */
  @Test
  void transportErrorsWithoutAnyResponseBreakToo() {
    Breakpoint b =
        new Breakpoint(new Percent(5), null, Duration.ofSeconds(2), false, SourceRef.NONE);
    BreakpointWatch w = new BreakpointWatch(row -> {}, Threshold.of(b));
    for (int s = 0; s < 3; s++) {
      w.accept(
          new LoadSeriesFile.Row(
              1_000L * s,
              s,
              "hold",
              2,
              2,
              500,
              0,
              500,
              0,
              0,
              0,
              0,
              0,
              0,
              0,
              Map.of("connect_refused", 500L)));
    }
    assertEquals(1, w.found().orElseThrow().at().second());
    assertEquals(1.0, w.found().get().errorShare(), 1e-9);
  }

  @Test
  void aQuietSeriesHasNoBreakpoint() {
    Breakpoint b =
        new Breakpoint(
            new Percent(5), Duration.ofSeconds(1), Duration.ofSeconds(10), true, SourceRef.NONE);
    BreakpointWatch w = new BreakpointWatch(row -> {}, Threshold.of(b));
    for (int s = 0; s < 60; s++) w.accept(second(s, 500, 10, 30));
    assertTrue(w.found().isEmpty(), "2 % errors and 30 ms p99 stay under the bounds");
  }
}
