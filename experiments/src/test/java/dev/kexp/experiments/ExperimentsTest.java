package dev.kexp.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.cli.KexpCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every shared .kexp file checks and plans, and says which figure or table it reproduces. */
class ExperimentsTest {
  static List<Path> files() throws Exception {
    try (Stream<Path> s = Files.walk(Path.of("."))) {
      return s.filter(p -> p.toString().endsWith(".kexp"))
          .filter(p -> !p.toString().contains("target"))
          .sorted()
          .toList();
    }
  }

  static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = KexpCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }

  @Test
  void theSeedsExperimentsAreAllHere() throws Exception {
    List<String> names =
        files().stream()
            .map(p -> p.toString().replace('\\', '/').replaceFirst("^\\./", ""))
            .toList();
    assertTrue(
        names.containsAll(
            List.of(
                "quickstart.kexp",
                "kubernetes-in-action/distributions-openfaas.kexp",
                "kubernetes-in-action/runtimes-openfaas.kexp",
                "kubernetes-in-action/runtimes-sysbench.kexp",
                "kubernetes-in-action/xen-modes-iozone.kexp",
                "profiling-lightweight/lifecycle.kexp")),
        names.toString());
  }

  @Test
  void theBenchmarkFilesPlanTheirToolsOnTheirNodes() throws Exception {
    String iozone = run("plan", "kubernetes-in-action/xen-modes-iozone.kexp")[1];
    assertTrue(iozone.contains("20 runs"), "2 Xen modes x 10 repetitions");
    assertTrue(iozone.contains("install iozone if missing on master pv-vm0"), iozone);
    assertTrue(
        iozone.contains("iozone -e -i 0 -i 1 -s 524288k -r 2048k -f \"$d/iozone.tmp\""), iozone);
    assertTrue(
        iozone.contains("plain nodes (no distro), hypervisor xen HVM; master hvm-vm0"), iozone);
    String sysbench = run("plan", "kubernetes-in-action/runtimes-sysbench.kexp")[1];
    assertTrue(sysbench.contains("sysbench oltp_read_write on node4 against the mysql workload"));
    assertTrue(sysbench.contains("--threads=150 --time=60 --report-interval=1"), sysbench);
  }

  /**
   * The first run of each benchmark file of the paper, pinned: what a node receives for sysbench
   * and IOzone. {@code -Dkexp.bless=true} rewrites the files; review the diff.
   */
  @TestFactory
  Stream<DynamicTest> theBenchmarkPlansAreGolden() {
    return Stream.of("runtimes-sysbench", "xen-modes-iozone")
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      String plan = run("plan", "kubernetes-in-action/" + name + ".kexp")[1];
                      int second = plan.indexOf("\nrun ", plan.indexOf("\nrun ") + 1);
                      String first = second < 0 ? plan : plan.substring(0, second + 1);
                      Path golden = Path.of("src/test/resources/plans/" + name + ".txt");
                      if (Boolean.getBoolean("kexp.bless")) {
                        Files.createDirectories(golden.getParent());
                        Files.writeString(golden, first);
                      }
                      assertEquals(Files.readString(golden), first, golden.toString());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyFileChecksAndPlans() throws Exception {
    return files().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.toString(),
                    () -> {
                      String[] check = run("check", f.toString());
                      assertEquals("0", check[0], check[2]);
                      assertTrue(check[1].contains(": ok, experiment"), check[1]);
                      String[] plan = run("plan", f.toString());
                      assertEquals("0", plan[0], plan[2]);
                      assertTrue(plan[1].contains("\nrun "), plan[1]);
                      String[] json = run("plan", "--json", f.toString());
                      assertEquals("0", json[0], json[2]);
                      String text = Files.readString(f);
                      assertTrue(
                          text.matches("(?s).*(Fig\\.|Figure|Table).*"),
                          f + " must name the figure or table it reproduces");
                      assertFalse(check[2].contains("Exception"), check[2]);
                    }));
  }

  @Test
  void thePapersNumbersAreInTheFiles() throws Exception {
    String plan = run("plan", "kubernetes-in-action/distributions-openfaas.kexp")[1];
    assertTrue(plan.contains("40 runs"), "4 distributions x 10 repetitions");
    assertTrue(plan.contains("0..20000 users over 30min"), plan);
    assertTrue(plan.contains("pause 5min"), plan);
    assertTrue(plan.contains("every 5s"), plan);
    String lifecycle = run("plan", "profiling-lightweight/lifecycle.kexp")[1];
    assertTrue(lifecycle.contains("75 runs"), "3 platforms x 25 runs");
    assertTrue(lifecycle.contains("apply deployment nginx (nginx:1.14.2, 3 replicas"), lifecycle);
    // Installed once per platform, not started; each run starts, joins, drains and stops it.
    assertTrue(lifecycle.matches("(?s).*\\d+\\. setup +prepare kubeadm.*"), lifecycle);
    assertTrue(lifecycle.contains("kubeadm init --kubernetes-version"), lifecycle);
    assertTrue(lifecycle.contains("microk8s remove-node worker1"), lifecycle);
    assertTrue(lifecycle.matches("(?s).*\\d+\\. teardown +uninstall k3s.*"), lifecycle);
  }
}
