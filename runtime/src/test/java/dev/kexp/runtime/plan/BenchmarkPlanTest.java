package dev.kexp.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the benchmarks run and what the plan says they need. */
class BenchmarkPlanTest {
  static final String CLUSTER =
      """
      experiment 'b' {
          cluster {
              master 'm'
              workers 'w1', 'w2'
              loader 'l'
              ssh user: 'u', key: '/dev/null'
              distro k3s
          }
          workload mysql(version: '8.0')
          phases {
              install
              deploy
              %s
          }
      }
      """;

  @Test
  void sysbenchRunsOnTheLoaderAgainstTheWorkloadAndCleansUpAlways() {
    List<Step> steps =
        PlannerTest.plan(
                CLUSTER.formatted("sysbench 'oltp_read_only', threads: [1, 8], duration: 10.s"))
            .runs()
            .get(0)
            .steps();
    List<Step> bench = steps.stream().filter(s -> s.phase().equals("sysbench")).toList();
    assertEquals(3, bench.size(), bench.toString());
    Step.OnNode install = assertInstanceOf(Step.OnNode.class, bench.get(0));
    assertEquals("l", install.node());
    assertTrue(
        install
            .commands()
            .get(0)
            .line()
            .contains("apt-get install -y -q --no-install-recommends sysbench"));
    Step.Sysbench s = assertInstanceOf(Step.Sysbench.class, bench.get(1));
    assertEquals("l", s.node());
    assertEquals(3, s.commands().size(), "prepare, then one command per thread count");
    assertTrue(s.commands().get(2).line().contains("--threads=8 --time=10 --report-interval=1"));
    assertTrue(s.target().isWorkload());
    Step.SysbenchCleanup c = assertInstanceOf(Step.SysbenchCleanup.class, bench.get(2));
    assertTrue(c.always(), "tables are dropped after a failure too");
    assertTrue(c.command().line().endsWith(" cleanup"));
  }

  @Test
  void aTargetsPasswordIsAPlaceholderInThePlanAndItsSourceInTheJson() {
    Plan p =
        PlannerTest.plan(
            CLUSTER.formatted(
                "sysbench 'oltp_read_write', target: 'mysql://sb@db.example.org:3307/bench',"
                    + " password: env('SB_PW')"));
    String text = PlanPrinter.text(p);
    assertTrue(
        text.contains(
            "--mysql-host=db.example.org --mysql-port=3307 --mysql-user=sb"
                + " --mysql-password={{mysql-password}} --mysql-db=bench"),
        text);
    assertTrue(text.contains("against mysql://sb@db.example.org:3307/bench (password env:SB_PW)"));
    assertTrue(PlanPrinter.json(p).contains("env:SB_PW"));
  }

  @Test
  void iozoneRunsOnTheChosenNodesOneAfterAnother() {
    List<Step> steps =
        PlannerTest.plan(
                CLUSTER.formatted(
                    "iozone file: 16.mb, record: 1.mb, tests: [read, random], on: workers"))
            .runs()
            .get(0)
            .steps()
            .stream()
            .filter(s -> s.phase().equals("iozone"))
            .toList();
    assertEquals(
        List.of("install iozone if missing on worker w1", "install iozone if missing on worker w2"),
        steps.subList(0, 2).stream().map(Step::describe).toList());
    Step.Iozone w1 = assertInstanceOf(Step.Iozone.class, steps.get(2));
    assertEquals("w1", w1.node());
    assertEquals(
        "d=$(mktemp -d /var/tmp/kexp-iozone.XXXXXX) && trap 'rm -rf \"$d\"' EXIT && iozone -e -i 0"
            + " -i 1 -i 2 -s 16384k -r 1024k -f \"$d/iozone.tmp\"",
        w1.command().line());
    assertEquals("w2", ((Step.Iozone) steps.get(3)).node());
    List<Step> all =
        PlannerTest.plan(CLUSTER.formatted("iozone file: 16.mb, record: 1.mb"))
            .runs()
            .get(0)
            .steps();
    assertEquals(
        List.of("m", "w1", "w2"),
        all.stream()
            .filter(s -> s instanceof Step.Iozone)
            .map(s -> ((Step.Iozone) s).node())
            .toList(),
        "every node but the loader");
    assertFalse(steps.get(0).commands().isEmpty());
  }

  @Test
  void aLocalClusterStartsItsOwnServerAndOnlyChecksTheTools() {
    List<Step> steps =
        PlannerTest.plan(
                """
                experiment 'l' {
                    cluster { local }
                    workload mysql(version: '8.0')
                    phases { sysbench 'oltp_read_write', threads: [1]; iozone file: 16.mb, record: 1.mb }
                }
                """)
            .runs()
            .get(0)
            .steps();
    assertTrue(steps.stream().anyMatch(s -> s instanceof Step.StartMysql), steps.toString());
    Step stop = steps.stream().filter(s -> s instanceof Step.StopMysql).findFirst().orElseThrow();
    assertTrue(stop.always());
    List<String> checks =
        steps.stream().filter(s -> s instanceof Step.OnNode).map(Step::describe).toList();
    assertEquals(
        List.of(
            "check that sysbench is installed on local localhost",
            "check that iozone is installed on local localhost"),
        checks);
  }

  @Test
  void aDryRunSendsTheCommandsWithTheRunTimeValuesAsPlaceholders() {
    Plan p =
        PlannerTest.plan(
            CLUSTER.formatted(
                "sysbench 'oltp_read_write', threads: [2]\n iozone file: 16.mb, record: 1.mb, on: master"));
    List<String> lines =
        dev.kexp.runtime.exec.DryRun.record(p.runs().get(0)).stream()
            .map(c -> c.node() + " " + c.line())
            .filter(l -> l.contains("sysbench oltp") || l.contains("iozone -e"))
            .toList();
    assertEquals(4, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .startsWith("l sysbench oltp_read_write --db-driver=mysql --mysql-host={{mysql-host}}"),
        lines.get(0));
    assertTrue(
        lines.get(3).startsWith("m d=$(mktemp -d /var/tmp/kexp-iozone.XXXXXX)"), lines.get(3));
  }
}
