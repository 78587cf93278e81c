package dev.kexp.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kexp.runtime.results.NodeSamplesFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSampleWriterTest {

  @Test
  void writesHeaderOnceAndOneRowPerSampleWithThreeDecimals(@TempDir Path dir) throws Exception {
    try (NodeSampleWriter writer = new NodeSampleWriter(dir)) {
      writer.accept(
          new NodeSamplesFile.Row(1000, "w1", "worker", 12.34567, 50, 1024, 0, 3.5, 1e6, 0.0004));
      // Still readable before close: every row is flushed.
      assertEquals(2, Files.readAllLines(dir.resolve("nodes.csv")).size());
    }
    try (NodeSampleWriter writer = new NodeSampleWriter(dir)) {
      writer.accept(new NodeSamplesFile.Row(2000, "cp,1", "control-plane", 0, 0, 0, 0, 0, 0, 0));
    }
    List<String> lines = Files.readAllLines(dir.resolve("nodes.csv"));
    assertEquals(
        List.of(
            "epoch_ms,node,role,cpu_pct,mem_pct,disk_read_bps,disk_write_bps,disk_util_pct,"
                + "net_rx_bps,net_tx_bps",
            "1000,w1,worker,12.346,50,1024,0,3.5,1000000,0",
            "2000,\"cp,1\",control-plane,0,0,0,0,0,0,0"),
        lines);
  }
}
