package dev.kexp.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.results.NodeSamplesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads this machine's /proc, so it checks the parsers against the real kernel format. */
class LocalNodeSamplingTest {

  private final ProcSource local = new LocalProcSource();

  private ProcSnapshot snapshot() throws IOException {
    return ProcParser.snapshot(
        local.readAll(ProcParser.FILES), System.currentTimeMillis(), System.nanoTime());
  }

  @Test
  void twoReadingsOneSecondApartGiveSaneNumbers() throws Exception {
    ProcSnapshot a = snapshot();
    Thread.sleep(1000);
    ProcSnapshot b = snapshot();
    NodeSamplesFile.Row s = ProcParser.between(a, b, "local", "test");
    assertTrue(s.cpuPct() >= 0 && s.cpuPct() <= 100, "cpu " + s.cpuPct());
    assertTrue(s.memPct() > 0 && s.memPct() < 100, "mem " + s.memPct());
    assertTrue(s.diskReadBps() >= 0 && s.diskWriteBps() >= 0);
    assertTrue(s.diskUtilPct() >= 0 && s.diskUtilPct() <= 100);
    assertTrue(s.netRxBps() >= 0 && s.netTxBps() >= 0);
    assertTrue(b.cpu().totalTicks() > a.cpu().totalTicks(), "the kernel's clock ticked");
  }

  @Test
  void oneBusyThreadShowsAsCpuUse() throws Exception {
    long cpus =
        new LocalProcSource()
            .read(ProcParser.STAT)
            .lines()
            .filter(line -> line.matches("cpu\\d+ .*"))
            .count();
    AtomicBoolean stop = new AtomicBoolean();
    Thread busy =
        new Thread(
            () -> {
              long spins = 0;
              while (!stop.get()) {
                spins++;
              }
              if (spins == 42) {
                System.out.print(""); // keeps the loop from being optimised away
              }
            },
            "busy-loop");
    busy.setDaemon(true);
    busy.start();
    try {
      Thread.sleep(100);
      ProcSnapshot a = snapshot();
      Thread.sleep(1000);
      ProcSnapshot b = snapshot();
      NodeSamplesFile.Row s = ProcParser.between(a, b, "local", "test");
      // One thread fully busy is 100/cpus percent; allow for scheduling noise by asking for 40%
      // of that (20% on two cores). Other activity on the machine can only raise the figure.
      double expectedAtLeast = 0.4 * 100.0 / cpus;
      assertTrue(s.cpuPct() > expectedAtLeast, "cpu " + s.cpuPct() + " with " + cpus + " cpus");
    } finally {
      stop.set(true);
      busy.join(2000);
    }
  }

  @Test
  void samplerDeliversPeriodicSamplesSurvivesAFailingNodeAndStopsOnClose(@TempDir Path dir)
      throws Exception {
    List<NodeSamplesFile.Row> samples = new CopyOnWriteArrayList<>();
    ProcSource unreachable =
        path -> {
          throw new IOException("node unreachable");
        };
    try (NodeSampleWriter writer = new NodeSampleWriter(dir)) {
      NodeSampler sampler =
          NodeSampler.start(
              List.of(
                  new NodeSampler.Target("down", "worker", unreachable),
                  new NodeSampler.Target("here", "control-plane", local)),
              Duration.ofMillis(200),
              sample -> {
                samples.add(sample);
                writer.accept(sample);
              });
      Thread.sleep(1100);
      sampler.close();
      int atClose = samples.size();
      assertTrue(atClose >= 3 && atClose <= 6, "samples after 1.1 s at 200 ms: " + atClose);
      assertTrue(samples.stream().allMatch(s -> s.node().equals("here")));
      assertTrue(samples.stream().allMatch(s -> s.role().equals("control-plane")));
      Thread.sleep(500);
      assertEquals(atClose, samples.size(), "no samples after close");
    }
    List<String> lines = Files.readAllLines(dir.resolve(NodeSampleWriter.FILE_NAME));
    assertEquals(NodeSampleWriter.HEADER, lines.get(0));
    assertEquals(samples.size() + 1, lines.size());
    assertTrue(lines.get(1).contains(",here,control-plane,"), lines.get(1));
  }
}
