package dev.kexp.dsl.model;

import java.time.Duration;
import java.util.List;

/**
 * One line of {@code phases { ... }}. Each phase is its own record, named like its DSL word. Load
 * phases say how many users (closed model) or requests per second (open model) to run each second.
 */
public sealed interface Phase {
  SourceRef at();

  /** The DSL word, as shown in plans and reports. */
  String word();

  /** How long the phase runs, if it is timed (load, idle, cooldown, benchmarks). */
  default Duration duration() {
    return Duration.ZERO;
  }

  /** A phase that sends HTTP load to the target. */
  sealed interface LoadPhase extends Phase permits Ramp, Rate, Hold, Steps {}

  /** {@code install}: the distribution (and runtime, CNI) on every node. */
  record Install(SourceRef at) implements Phase {
    public String word() {
      return "install";
    }
  }

  /** {@code deploy}: the workload onto the cluster. */
  record Deploy(SourceRef at) implements Phase {
    public String word() {
      return "deploy";
    }
  }

  /** {@code uninstall}: the workload and distribution, so the next repetition starts clean. */
  record Uninstall(SourceRef at) implements Phase {
    public String word() {
      return "uninstall";
    }
  }

  /** {@code ramp 0..20000 over 30.min}: virtual users grow linearly (closed model). */
  record Ramp(int from, int to, Duration over, SourceRef at) implements LoadPhase {
    public String word() {
      return "ramp";
    }

    public Duration duration() {
      return over;
    }
  }

  /** {@code rate 0..20000 over 30.min}: requests per second grow linearly (open model). */
  record Rate(int from, int to, Duration over, SourceRef at) implements LoadPhase {
    public String word() {
      return "rate";
    }

    public Duration duration() {
      return over;
    }
  }

  /** {@code hold 200 over 5.min}: a constant number of virtual users. */
  record Hold(int users, Duration over, SourceRef at) implements LoadPhase {
    public String word() {
      return "hold";
    }

    public Duration duration() {
      return over;
    }
  }

  /** {@code steps 1, 25, 50 each 1.min}: virtual users in steps, each held for {@code each}. */
  record Steps(List<Integer> levels, Duration each, SourceRef at) implements LoadPhase {
    public Steps {
      levels = List.copyOf(levels);
    }

    public String word() {
      return "steps";
    }

    public Duration duration() {
      return each == null ? Duration.ZERO : each.multipliedBy(levels.size());
    }
  }

  /** {@code cooldown 2.min}: no load, sampling goes on. */
  record Cooldown(Duration over, SourceRef at) implements Phase {
    public String word() {
      return "cooldown";
    }

    public Duration duration() {
      return over;
    }
  }

  /** {@code idle 5.min}: the idle window between lifecycle events (second seed). */
  record Idle(Duration over, SourceRef at) implements Phase {
    public String word() {
      return "idle";
    }

    public Duration duration() {
      return over;
    }
  }

  /** {@code startMaster}. */
  record StartMaster(SourceRef at) implements Phase {
    public String word() {
      return "startMaster";
    }
  }

  /**
   * {@code addWorkers}: join every worker to the master, one at a time as the second paper's
   * playbooks did ({@code addWorkers parallel: true} joins them all at once).
   */
  record AddWorkers(boolean parallel, SourceRef at) implements Phase {
    public String word() {
      return "addWorkers";
    }
  }

  /** {@code apply deployment('nginx', image: 'nginx:1.14.2', replicas: 3)}. */
  record Apply(Deployment deployment, SourceRef at) implements Phase {
    public String word() {
      return "apply";
    }
  }

  /** {@code delete deployment('nginx')}. */
  record Delete(String kind, String name, SourceRef at) implements Phase {
    public String word() {
      return "delete";
    }
  }

  /** {@code apply manifest('nginx.yaml')}: every object of the file, in order. */
  record ApplyManifest(Manifest manifest, SourceRef at) implements Phase {
    public String word() {
      return "apply";
    }
  }

  /** {@code delete manifest('nginx.yaml')}: every object of the file, in reverse order. */
  record DeleteManifest(Manifest manifest, SourceRef at) implements Phase {
    public String word() {
      return "delete";
    }
  }

  /** {@code drainWorkers}: cordon and drain every worker. */
  record DrainWorkers(SourceRef at) implements Phase {
    public String word() {
      return "drainWorkers";
    }
  }

  /** {@code stopMaster}. */
  record StopMaster(SourceRef at) implements Phase {
    public String word() {
      return "stopMaster";
    }
  }

  /**
   * {@code sysbench 'oltp_read_write', threads: [1, 25], duration: 60.s} against MySQL: the
   * workload's server, or {@code target} ({@code mysql://user@host:port/db}) with {@code password}
   * (null for none). {@code prepare} fills {@code tables} tables of {@code tableSize} rows once per
   * run; each thread count then runs for {@code each}, printing a line every {@code reportEvery}.
   */
  record Sysbench(
      String test,
      List<Integer> threads,
      Duration each,
      String target,
      Secret password,
      int tables,
      int tableSize,
      Duration reportEvery,
      SourceRef at)
      implements Phase {
    /** sysbench's own defaults are 1 table of 10 000 rows; the OLTP papers use a few more. */
    public static final int TABLES = 4;

    public static final int TABLE_SIZE = 10_000;

    /** The OLTP tests sysbench 1.0 ships (its {@code share/sysbench/*.lua} scripts). */
    public static final List<String> TESTS =
        List.of(
            "oltp_read_write",
            "oltp_read_only",
            "oltp_write_only",
            "oltp_point_select",
            "oltp_insert",
            "oltp_delete",
            "oltp_update_index",
            "oltp_update_non_index",
            "select_random_points",
            "select_random_ranges",
            "bulk_insert");

    public Sysbench {
      threads = List.copyOf(threads);
    }

    public Sysbench(
        String test, List<Integer> threads, Duration each, String target, SourceRef at) {
      this(test, threads, each, target, null, TABLES, TABLE_SIZE, Duration.ofSeconds(1), at);
    }

    public String word() {
      return "sysbench";
    }

    public Duration duration() {
      return each.multipliedBy(threads.size());
    }
  }

  /**
   * {@code iozone file: 512.mb, record: 2.mb}: file-system throughput on the chosen nodes ({@code
   * on}: "all", "workers", "master" or a node's name), in a scratch directory under {@code dir}.
   * {@code tests} are IOzone's own names ({@link #TESTS}); write comes first whatever is asked,
   * since IOzone's other tests read the file it writes.
   */
  record Iozone(Size file, Size record, List<String> tests, String on, String dir, SourceRef at)
      implements Phase {
    /** IOzone's tests by name, in its own order, with the {@code -i} number that selects each. */
    public static final java.util.Map<String, Integer> TESTS =
        java.util.Map.ofEntries(
            java.util.Map.entry("write", 0),
            java.util.Map.entry("read", 1),
            java.util.Map.entry("random", 2),
            java.util.Map.entry("backward", 3),
            java.util.Map.entry("recordRewrite", 4),
            java.util.Map.entry("stride", 5),
            java.util.Map.entry("fwrite", 6),
            java.util.Map.entry("fread", 7));

    public static final String ALL = "all";
    public static final String DIR = "/var/tmp";

    public Iozone {
      tests = List.copyOf(tests);
    }

    public Iozone(Size file, Size record, SourceRef at) {
      this(file, record, List.of("write", "read"), ALL, DIR, at);
    }

    public String word() {
      return "iozone";
    }
  }
}
