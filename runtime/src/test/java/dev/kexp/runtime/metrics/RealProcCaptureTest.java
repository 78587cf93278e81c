package dev.kexp.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The parsers on /proc files captured from a real machine of the kind kexp is tested on (2 vCPUs,
 * 24 GiB, a virtio disk, 16 loop and 16 ram devices, ifb and tunnel interfaces besides eth0). The
 * expected numbers were read off the captured text by hand.
 */
class RealProcCaptureTest {
  static String capture(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/proc/this-machine", name));
  }

  @Test
  void cpuFromTheAggregateLine() throws Exception {
    // cpu  919199 145 85437 468745 3140 0 12557 164576 0 0
    ProcSnapshot.Cpu cpu = ProcParser.parseStat(capture("stat"));
    assertEquals(919199L + 145 + 85437 + 468745 + 3140 + 0 + 12557 + 164576, cpu.totalTicks());
    assertEquals(468745L + 3140, cpu.idleTicks(), "idle and iowait");
  }

  @Test
  void memoryTotalAndAvailable() throws Exception {
    ProcSnapshot.Memory m = ProcParser.parseMeminfo(capture("meminfo"));
    assertEquals(24684096L, m.totalKb());
    assertEquals(24051712L, m.availableKb());
  }

  @Test
  void onlyTheVirtioDiskCountsNotLoopOrRamDevices() throws Exception {
    // vda 206614 20856 8113106 195743 93703 67896 5412120 69594 0 89388 ...
    ProcSnapshot.Disks d = ProcParser.parseDiskstats(capture("diskstats"));
    assertEquals(1, d.count());
    assertEquals(8113106L * 512, d.bytesRead());
    assertEquals(5412120L * 512, d.bytesWritten());
    assertEquals(89388L, d.ioTicksMillis());
  }

  @Test
  void networkCountsEveryInterfaceButLoopback() throws Exception {
    // lo is skipped; eth0 254267878 / 781479; ifb and tunnel interfaces are all zero here.
    ProcSnapshot.Network n = ProcParser.parseNetDev(capture("net_dev"));
    assertEquals(254267878L, n.rxBytes());
    assertEquals(781479L, n.txBytes());
  }
}
