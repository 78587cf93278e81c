package dev.kexp.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.cli.KexpCommand;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A breakpoint with abort: true ends its phase there, is recorded, and makes the run exit 1. */
class ThresholdRunTest {
  @TempDir Path tmp;

  @Test
  void anAbortingBreakpointStopsThePhaseAndFailsTheRun() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort(); // nothing listens here once the socket is closed
    }
    Path file = tmp.resolve("breaks.kexp");
    Files.writeString(
        file,
        """
        experiment 'breaks' {
            cluster { local }
            load { target 'http://127.0.0.1:%d/'; timeout 1.s }
            phases { hold 2 over 30.s; cooldown 1.s }
            thresholds { breakpoint errors: 5.percent, over: 2.s, abort: true }
        }
        """
            .formatted(closedPort));
    Path out = tmp.resolve("results");
    long start = System.nanoTime();
    int exit = KexpCommand.commandLine().execute("run", file.toString(), "-o", out.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(1, exit, "a threshold broke");
    assertTrue(seconds < 15, "the 30 s hold was aborted, took " + seconds + " s");
    List<String> rows = Files.readAllLines(out.resolve("runs/breaks/rep-01/load.csv"));
    assertTrue(rows.size() - 1 <= 5, "aborted after the first 2 s window: " + rows.size());
    String events = Files.readString(out.resolve("runs/breaks/rep-01/events.jsonl"));
    assertTrue(events.contains("\"event\":\"breakpoint\""), events);
    assertTrue(
        events.contains("\"phase\":\"cooldown\""), "the run goes on after the aborted phase");
  }
}
