package dev.kexp.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kexp.runtime.results.NodeSamplesFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcParserTest {

  private static final double EPS = 1e-9;

  // guest (9th value) is part of user already; its jump from 30 to 130 must not count twice.
  static final String STAT_A =
      """
      cpu  1000 10 500 8000 200 0 50 40 30 0
      cpu0 500 5 250 4000 100 0 25 20 15 0
      cpu1 500 5 250 4000 100 0 25 20 15 0
      intr 123456 0 0 0
      ctxt 987654
      btime 1700000000
      processes 4242
      procs_running 2
      procs_blocked 0
      """;
  static final String STAT_B =
      """
      cpu  1150 10 550 8700 250 0 100 40 130 0
      cpu0 575 5 275 4350 125 0 50 20 65 0
      cpu1 575 5 275 4350 125 0 50 20 65 0
      intr 123999 0 0 0
      ctxt 988000
      """;

  static final String MEMINFO =
      """
      MemTotal:       16000000 kB
      MemFree:         2000000 kB
      MemAvailable:   12000000 kB
      Buffers:          300000 kB
      Cached:          8000000 kB
      SwapCached:            0 kB
      """;

  // Partitions, loop, ram, device-mapper and optical devices all carry large deltas so that
  // counting any of them would change the expected numbers.
  static final String DISKSTATS_A =
      """
         7       0 loop0 10 0 100 0 0 0 0 0 0 10 0 0 0 0 0 0 0
         1       0 ram0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
         8       0 sda 100 0 1000 50 200 0 2000 80 0 100 130 0 0 0 0 0 0
         8       1 sda1 90 0 900 40 190 0 1900 70 0 90 110 0 0 0 0 0 0
         8       2 sda2 10 0 100 10 10 0 100 10 0 10 20 0 0 0 0 0 0
       259       0 nvme0n1 300 0 3000 60 400 0 4000 90 0 200 150 0 0 0 0 0 0
       259       1 nvme0n1p1 300 0 3000 60 400 0 4000 90 0 200 150 0 0 0 0 0 0
       253       0 dm-0 50 0 500 5 60 0 600 6 0 30 11 0 0 0 0 0 0
        11       0 sr0 1 0 8 0 0 0 0 0 0 1 0 0 0 0 0 0 0
      """;
  static final String DISKSTATS_B =
      """
         7       0 loop0 99999 0 999990 0 0 0 0 0 0 99999 0 0 0 0 0 0 0
         1       0 ram0 0 0 77777 0 0 0 77777 0 0 7777 0 0 0 0 0 0 0
         8       0 sda 300 0 3048 70 400 0 6096 90 0 600 170 0 0 0 0 0 0
         8       1 sda1 290 0 2948 60 390 0 5996 80 0 590 150 0 0 0 0 0 0
         8       2 sda2 10 0 100 10 10 0 100 10 0 10 20 0 0 0 0 0 0
       259       0 nvme0n1 500 0 5048 80 600 0 6048 99 0 500 190 0 0 0 0 0 0
       259       1 nvme0n1p1 500 0 5048 80 600 0 6048 99 0 500 190 0 0 0 0 0 0
       253       0 dm-0 5000 0 50000 5 6000 0 60000 6 0 3000 11 0 0 0 0 0 0
        11       0 sr0 100 0 800 0 0 0 0 0 0 100 0 0 0 0 0 0 0
      """;

  static final String NET_DEV_A =
      """
      Inter-|   Receive                                                |  Transmit
       face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
          lo:  500000    5000    0    0    0     0          0         0   500000    5000    0    0    0     0       0          0
        eth0:    1000      10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0
        eth1:     500       5    0    0    0     0          0         0        0       0    0    0    0     0       0          0
      """;
  static final String NET_DEV_B =
      """
      Inter-|   Receive                                                |  Transmit
       face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
          lo: 9500000   95000    0    0    0     0          0         0  9500000   95000    0    0    0     0       0          0
        eth0:  301000     310    0    0    0     0          0         0    52000     520    0    0    0     0       0          0
        eth1:  100500     105    0    0    0     0          0         0    30000     300    0    0    0     0       0          0
      """;

  @Test
  void statGivesAggregateTotalAndIdleIncludingIowait() {
    ProcSnapshot.Cpu cpu = ProcParser.parseStat(STAT_A);
    assertEquals(1000 + 10 + 500 + 8000 + 200 + 0 + 50 + 40, cpu.totalTicks());
    assertEquals(8000 + 200, cpu.idleTicks());
  }

  @Test
  void meminfoGivesTotalAndAvailable() {
    assertEquals(new ProcSnapshot.Memory(16_000_000, 12_000_000), ProcParser.parseMeminfo(MEMINFO));
  }

  @Test
  void diskstatsSumsWholeDisksOnly() {
    ProcSnapshot.Disks disks = ProcParser.parseDiskstats(DISKSTATS_A);
    assertEquals(2, disks.count());
    assertEquals((1000 + 3000) * 512L, disks.bytesRead());
    assertEquals((2000 + 4000) * 512L, disks.bytesWritten());
    assertEquals(100 + 200, disks.ioTicksMillis());
  }

  @Test
  void diskNamesRecognisedAsWholeDisks() {
    String text =
        """
           8 0 sdab 0 0 8 0 0 0 0 0 0 0 0
         202 0 xvda 0 0 8 0 0 0 0 0 0 0 0
         202 1 xvda1 0 0 8 0 0 0 0 0 0 0 0
         179 0 mmcblk0 0 0 8 0 0 0 0 0 0 0 0
         179 1 mmcblk0p1 0 0 8 0 0 0 0 0 0 0 0
         254 0 vda 0 0 8 0 0 0 0 0 0 0 0
         253 0 zram0 0 0 8 0 0 0 0 0 0 0 0
           9 0 md0 0 0 8 0 0 0 0 0 0 0 0
        """;
    ProcSnapshot.Disks disks = ProcParser.parseDiskstats(text);
    assertEquals(4, disks.count());
    assertEquals(4 * 8 * 512L, disks.bytesRead());
  }

  @Test
  void netDevSumsAllInterfacesButLoopback() {
    assertEquals(new ProcSnapshot.Network(1500, 2000), ProcParser.parseNetDev(NET_DEV_A));
  }

  @Test
  void betweenTwoSnapshotsGivesExactRates() {
    ProcSnapshot a =
        ProcParser.snapshot(
            Map.of(
                ProcParser.STAT, STAT_A,
                ProcParser.MEMINFO, MEMINFO,
                ProcParser.DISKSTATS, DISKSTATS_A,
                ProcParser.NET_DEV, NET_DEV_A),
            1_700_000_000_000L,
            5_000_000_000L);
    ProcSnapshot b =
        ProcParser.snapshot(
            Map.of(
                ProcParser.STAT, STAT_B,
                ProcParser.MEMINFO, MEMINFO,
                ProcParser.DISKSTATS, DISKSTATS_B,
                ProcParser.NET_DEV, NET_DEV_B),
            1_700_000_002_000L,
            7_000_000_000L);

    NodeSamplesFile.Row s = ProcParser.between(a, b, "worker-1", "worker");

    assertEquals(1_700_000_002_000L, s.epochMs());
    assertEquals("worker-1", s.node());
    assertEquals("worker", s.role());
    // 1000 ticks elapsed, 750 of them idle or iowait.
    assertEquals(25.0, s.cpuPct(), EPS);
    assertEquals(25.0, s.memPct(), EPS);
    // (2048 + 2048) sectors in 2 s; (4096 + 2048) sectors written in 2 s.
    assertEquals(1_048_576.0, s.diskReadBps(), EPS);
    assertEquals(1_572_864.0, s.diskWriteBps(), EPS);
    // 500 + 300 busy ms over 2 disks x 2000 ms.
    assertEquals(20.0, s.diskUtilPct(), EPS);
    assertEquals(200_000.0, s.netRxBps(), EPS);
    assertEquals(40_000.0, s.netTxBps(), EPS);
  }

  @Test
  void countersGoingBackwardsGiveZeroNotNegativeRates() {
    ProcSnapshot a =
        new ProcSnapshot(
            0,
            0,
            new ProcSnapshot.Cpu(1000, 500),
            new ProcSnapshot.Memory(100, 50),
            new ProcSnapshot.Disks(1, 10_000, 10_000, 900),
            new ProcSnapshot.Network(10_000, 10_000));
    ProcSnapshot b =
        new ProcSnapshot(
            1000,
            1_000_000_000,
            new ProcSnapshot.Cpu(2000, 1000),
            new ProcSnapshot.Memory(100, 50),
            new ProcSnapshot.Disks(1, 5_000, 20_000, 100),
            new ProcSnapshot.Network(500, 10_500));
    NodeSamplesFile.Row s = ProcParser.between(a, b, "n", "r");
    assertEquals(50.0, s.cpuPct(), EPS);
    assertEquals(0.0, s.diskReadBps(), EPS);
    assertEquals(10_000.0, s.diskWriteBps(), EPS);
    assertEquals(0.0, s.diskUtilPct(), EPS);
    assertEquals(0.0, s.netRxBps(), EPS);
    assertEquals(500.0, s.netTxBps(), EPS);
  }

  @Test
  void malformedInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ProcParser.parseStat("intr 1 2 3\n"));
    assertThrows(IllegalArgumentException.class, () -> ProcParser.parseMeminfo("MemFree: 10 kB\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcParser.snapshot(Map.of(ProcParser.STAT, STAT_A), 0, 0));
  }
}
