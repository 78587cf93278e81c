package dev.kexp.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kexp.runtime.load.SecondSink;
import dev.kexp.runtime.plan.LoaderShares;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.GeneratorFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Several loaders' seconds become one series: counts added, histograms added, clocks aligned. */
class SecondMergerTest {
  /** Collects what a sink receives. */
  static final class Collect implements SecondSink {
    final List<LoadSeriesFile.Row> rows = new ArrayList<>();
    final List<Histogram> histograms = new ArrayList<>();
    final List<GeneratorFile.Row> generator = new ArrayList<>();

    @Override
    public void accept(LoadSeriesFile.Row row) {
      rows.add(row);
    }

    @Override
    public void acceptHistogram(Histogram interval) {
      histograms.add(interval);
    }

    @Override
    public void acceptGenerator(GeneratorFile.Row second) {
      generator.add(second);
    }
  }

  private static AgentMessage.Second second(long epochMs, long second, long latencyMicros, int n) {
    Histogram h = new Histogram(3);
    for (int i = 0; i < n; i++) h.recordValue(latencyMicros);
    LoadSeriesFile.Row row =
        new LoadSeriesFile.Row(
            epochMs,
            second,
            "hold",
            5,
            5,
            n,
            n,
            1,
            0,
            n,
            latencyMicros / 1000.0,
            0,
            0,
            0,
            0,
            Map.of("timeout", 1L));
    return new AgentMessage.Second(
        row,
        AgentCodec.histogram(h),
        epochMs,
        epochMs + 1000,
        new GeneratorFile.Row(epochMs, second, "x", 20, second == 1 ? 30 : 1, 0, 2));
  }

  @Test
  void secondsAreMergedBySecondWithHistogramsAddedAndClocksMovedToTheController() {
    Collect merged = new Collect();
    Collect a = new Collect();
    Collect b = new Collect();
    SecondMerger m =
        new SecondMerger(
            List.of("a", "b"),
            // b's clock runs 500 ms ahead of this machine's.
            List.of(new ClockOffset(0, 1), new ClockOffset(500, 1)),
            List.of(a, b),
            merged);
    m.add(0, second(10_000, 0, 1_000, 300));
    assertEquals(0, merged.rows.size(), "second 0 waits for b");
    m.add(1, second(10_500, 0, 9_000, 100));
    m.add(0, second(11_000, 1, 1_000, 300));
    m.add(1, second(11_500, 1, 9_000, 100));
    m.add(1, second(11_500, 1, 9_000, 100)); // the same second again (from the node's file)
    m.flush();
    assertEquals(2, merged.rows.size());
    LoadSeriesFile.Row first = merged.rows.get(0);
    assertEquals(10_000, first.epochMs());
    assertEquals(400, first.completed());
    assertEquals(10, first.target());
    assertEquals(2, first.errorsByClass().get("timeout"));
    // The percentiles of the sum, not the mean of the parts' percentiles (1 ms and 9 ms).
    assertEquals(1.0, first.p50Ms(), 0.01);
    assertEquals(9.0, first.p90Ms(), 0.01);
    assertEquals(400, merged.histograms.get(0).getTotalCount());
    // Each loader's own rows, on this machine's clock.
    assertEquals(10_000, b.rows.get(0).epochMs());
    assertEquals(2, b.rows.size());
    assertEquals(800, m.completed());
    // Second 1 was lagging on both: flagged, and named by both loaders.
    assertEquals("a+b", merged.generator.get(1).loader());
  }

  @Test
  void usersAreSplitWholeAndTheRateExactly() {
    Duration d = Duration.ofSeconds(30);
    List<Step.LoaderShare> shares =
        LoaderShares.split(
            List.of(
                new Step.Segment(Step.LoadModel.CLOSED, 0, 5, d),
                new Step.Segment(Step.LoadModel.OPEN, 1000, 1000, d)),
            List.of("n4", "n5", "n6"));
    assertEquals(
        5, shares.stream().mapToDouble(s -> s.segments().get(0).to()).sum(), "the users add up");
    assertEquals(
        List.of(1.0, 2.0, 2.0), shares.stream().map(s -> s.segments().get(0).to()).toList());
    assertEquals(1000, shares.stream().mapToDouble(s -> s.segments().get(1).from()).sum(), 1e-9);
  }

  @Test
  void theClockOffsetComesFromTheShortestRoundTrip() {
    ClockOffset slow = ClockOffset.of(1000, 1600, 1400); // 400 ms round trip
    ClockOffset fast = ClockOffset.of(2000, 2505, 2010); // 10 ms round trip: 500 ahead
    assertEquals(fast, slow.better(fast));
    assertEquals(500, fast.offsetMs());
    assertEquals(1000, fast.toController(1500));
  }
}
