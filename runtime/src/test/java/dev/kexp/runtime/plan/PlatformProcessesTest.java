package dev.kexp.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The idle check's probe finds platform processes by the names the kernel keeps for them. */
class PlatformProcessesTest {
  @TempDir Path tmp;

  @Test
  void theProbesOutputIsReadAsNamesAndCounts() {
    String out = "      1 kubelet\n      3 containerd-shim\n  garbage line\n      2 sshd\n";
    assertEquals(Map.of("kubelet", 1, "containerd-shim", 3), PlatformProcesses.parse(out));
    assertEquals(Map.of(), PlatformProcesses.parse(""));
    assertEquals(
        "containerd-shim (3), kubelet (1)",
        PlatformProcesses.describe(PlatformProcesses.parse(out)));
  }

  /**
   * Real processes named like a kubelet and a runtime shim (copies of sleep), found by the probe
   * through this machine's ps: the shim's long name is truncated by the kernel, as on a node.
   */
  @Test
  void theProbeFindsRunningProcessesByTheirKernelNames() throws Exception {
    Path sleep = Path.of("/bin/sleep");
    List<Process> started = new ArrayList<>();
    try {
      for (String name : List.of("kubelet", "containerd-shim-runc-v2", "containerd-shim-runc-v2")) {
        Path copy = Files.createDirectories(tmp.resolve(name + started.size())).resolve(name);
        Files.copy(sleep, copy);
        copy.toFile().setExecutable(true);
        started.add(new ProcessBuilder(copy.toString(), "30").start());
      }
      Process probe = new ProcessBuilder("sh", "-c", PlatformProcesses.PROBE.line()).start();
      String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
      Map<String, Integer> found = PlatformProcesses.parse(out);
      assertTrue(found.getOrDefault("kubelet", 0) >= 1, out);
      assertTrue(found.getOrDefault("containerd-shim", 0) >= 2, out);
    } finally {
      for (Process p : started) p.destroyForcibly().waitFor();
    }
  }
}
