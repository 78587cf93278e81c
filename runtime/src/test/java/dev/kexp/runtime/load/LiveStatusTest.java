package dev.kexp.runtime.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.results.LoadSeriesFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveStatusTest {
  static LoadSeriesFile.Row row(int s) {
    return new LoadSeriesFile.Row(
        0, s, "ramp", 10 + s, 10 + s, 100, 100, 0, 0, 100, 1, 2, 3.5, 4, 5, Map.of());
  }

  static String run(boolean terminal, List<LoadSeriesFile.Row> passed) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    LiveStatus s = new LiveStatus(passed::add, out, Duration.ofSeconds(12), "  ", terminal);
    for (int i = 0; i < 12; i++) s.accept(row(i));
    s.finish();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onATerminalOneLineIsRewrittenEverySecond() {
    List<LoadSeriesFile.Row> passed = new ArrayList<>();
    String out = run(true, passed);
    assertEquals(12, passed.size());
    assertEquals(12, out.chars().filter(c -> c == '\r').count());
    assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one newline, at the end");
    assertTrue(out.contains("12s/12s  ramp 21  active 21  100 req/s  p99 3.50 ms  errors 0"), out);
  }

  @Test
  void inALogItIsALineEveryFiveSeconds() {
    String out = run(false, new ArrayList<>());
    assertEquals(
        List.of(
            "  5s/12s  ramp 14  active 14  100 req/s  p99 3.50 ms  errors 0",
            "  10s/12s  ramp 19  active 19  100 req/s  p99 3.50 ms  errors 0"),
        out.lines().toList());
    assertTrue(!out.contains("\r"));
  }
}
