package dev.kexp.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sysbench's and IOzone's outputs, captured from the Debian packages, parse to their numbers. */
class BenchmarkOutputParsingTest {
  static String captured(String name) throws IOException {
    try (InputStream in =
        BenchmarkOutputParsingTest.class.getResourceAsStream("/benchmarks/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void sysbenchSummaryAndIntermediateLines() throws IOException {
    SysbenchOutput s = SysbenchOutput.parse(captured("sysbench-run-4-threads.txt"));
    assertEquals(4, s.threads());
    assertEquals(401.16, s.tps(), 1e-9);
    assertEquals(8066.83, s.qps(), 1e-9);
    assertEquals(1207, s.transactions());
    assertEquals(3.0081, s.seconds(), 1e-9);
    assertEquals(17010 / 3.0081, s.readQps(), 1e-6);
    assertEquals(4839 / 3.0081, s.writeQps(), 1e-6);
    assertEquals(2422 / 3.0081, s.otherQps(), 1e-6);
    assertEquals(2.66, s.errorsPerSecond(), 1e-9);
    assertEquals(0, s.reconnectsPerSecond(), 1e-9);
    assertEquals(2.50, s.latencyMinMs(), 1e-9);
    assertEquals(9.95, s.latencyAvgMs(), 1e-9);
    assertEquals(26.49, s.latencyMaxMs(), 1e-9);
    assertEquals(15.83, s.latencyP95Ms(), 1e-9);
    assertEquals(3, s.series().size());
    SysbenchOutput.Interval second = s.series().get(1);
    assertEquals(
        new SysbenchOutput.Interval(
            2, 4, 413.05, 8351.95, 5858.67, 1664.19, 829.09, 15.55, 3.00, 0),
        second);
    double mean = s.series().stream().mapToDouble(SysbenchOutput.Interval::tps).average().orElse(0);
    assertEquals(s.tps(), mean, s.tps() * 0.05, "the per-second lines agree with the summary");
  }

  @Test
  void aFailedSysbenchSaysWhyInItsOwnWords() throws IOException {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SysbenchOutput.parse(captured("sysbench-wrong-password.txt")));
    assertTrue(
        e.getMessage().contains("error 1045: Access denied for user 'kexp'"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> SysbenchOutput.parse("Threads started!"));
    assertTrue(e.getMessage().contains("not the output of a finished run"), e.getMessage());
  }

  @Test
  void iozoneTableByColumn() throws IOException {
    IozoneOutput io = IozoneOutput.parse(captured("iozone-16m-1m.txt"));
    assertEquals(1, io.rows().size());
    IozoneOutput.Row r = io.rows().get(0);
    assertEquals(16384, r.fileKb());
    assertEquals(1024, r.recordKb());
    assertEquals(
        Map.of("write", 469440.0, "rewrite", 621239.0, "read", 5466592.0, "reread", 4429283.0),
        r.kbPerSecond());
    assertEquals(
        List.of("write", "rewrite", "read", "reread"), List.copyOf(r.kbPerSecond().keySet()));
  }

  @Test
  void iozoneSkippedColumnsStayEmpty() throws IOException {
    IozoneOutput.Row r = IozoneOutput.parse(captured("iozone-random.txt")).rows().get(0);
    assertEquals(
        Map.of(
            "write", 319199.0,
            "rewrite", 236967.0,
            "random_read", 802654.0,
            "random_write", 380778.0,
            "fread", 6772244.0,
            "freread", 5751920.0),
        r.kbPerSecond());
    assertEquals(64, r.recordKb());
  }

  @Test
  void aFailedIozoneSaysWhatItLastSaid() throws IOException {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> IozoneOutput.parse(captured("iozone-fail.txt")));
    assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IozoneOutput.parse("hello"));
    assertTrue(e.getMessage().contains("no result table"), e.getMessage());
  }
}
