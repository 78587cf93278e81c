package dev.kexp.runtime.cli;

import dev.kexp.dsl.model.ReportFormat;
import dev.kexp.runtime.control.Fanout;
import dev.kexp.runtime.exec.Interpreter;
import dev.kexp.runtime.exec.Remotes;
import dev.kexp.runtime.plan.Plans;
import dev.kexp.runtime.report.Report;
import dev.kexp.runtime.report.ReportOptions;
import dev.kexp.runtime.report.ReportWriters;
import dev.kexp.runtime.results.Manifest;
import dev.kexp.runtime.results.ResultsDir;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kexp run FILE}: plans the file, then runs that plan, writing results as they are measured.
 * Ctrl-C stops after the current second, keeps everything, and still writes a report marked
 * partial.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a .kexp experiment: the same plan 'kexp plan' prints, step by step.",
      "Results are written as they are measured; Ctrl-C keeps them and reports a partial run."
    })
final class RunCommand implements Callable<Integer> {
  /** How long Ctrl-C waits for the run to flush its data and write the report. */
  private static final long STOP_GRACE_SECONDS = 60;

  @Parameters(paramLabel = "FILE", description = "the .kexp file")
  Path file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "results directory (default: results/NAME-yyyyMMdd-HHmmss)")
  Path output;

  @Option(
      names = "--accept-new-host-keys",
      description =
          "add the host keys of nodes not yet in known_hosts (like OpenSSH's accept-new);"
              + " a changed key still fails")
  boolean acceptNewHostKeys;

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description = "the known_hosts file (default: ~/.ssh/known_hosts)")
  Path knownHosts;

  @Option(
      names = "--ignore-hypervisor",
      description = "go on when a node does not run under the declared hypervisor (recorded)")
  boolean ignoreHypervisor;

  @Option(
      names = "--forks",
      paramLabel = "N",
      description = "how many nodes a step works on at once (default: ${DEFAULT-VALUE})")
  int forks = Fanout.DEFAULT_FORKS;

  @Option(
      names = "--keep-on-failure",
      description =
          "after a failed step, leave the cluster as it is for a look (the file's uninstall and"
              + " stopMaster steps do not run)")
  boolean keepOnFailure;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Loading.Loaded l = Loading.load(file, spec.commandLine().getErr(), true);
    if (l.plan() == null) return KexpCommand.INVALID;
    Path dir = output != null ? output : ResultsDir.defaultFor(l.plan().experiment());
    ResultsDir results = ResultsDir.create(dir, file, l.plan(), KexpCommand.version());
    PrintStream log = System.out;
    log.printf(
        "kexp %s: %s, %d runs, timed part %s%nresults: %s%n",
        KexpCommand.version(),
        l.plan().experiment(),
        l.plan().runs().size(),
        Plans.format(l.plan().timed()),
        dir);

    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread onCtrlC =
        new Thread(
            () -> {
              if (finished.getCount() == 0) return;
              stop.set(true);
              System.err.println(
                  "\nkexp: stopping; keeping what was measured and writing the report");
              try {
                finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "kexp-stop");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      return execute(l, file, results, dir, options(), stop, log);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C is in progress: the hook is running and now sees the run finished.
      }
    }
  }

  Interpreter.Options options() {
    return new Interpreter.Options(
        Remotes.ssh(
            acceptNewHostKeys, knownHosts != null ? knownHosts : Remotes.DEFAULT_KNOWN_HOSTS),
        ignoreHypervisor,
        Math.max(1, forks),
        keepOnFailure);
  }

  /**
   * Runs a plan into its results directory and writes the report: the part of {@code kexp run} that
   * the REPL's {@code :run} shares, with its own way to stop (Ctrl-C at the prompt).
   *
   * @param file the .kexp file, against which the report's reference CSV is found
   */
  static int execute(
      Loading.Loaded l,
      Path file,
      ResultsDir results,
      Path dir,
      Interpreter.Options options,
      AtomicBoolean stop,
      PrintStream log)
      throws IOException {
    Interpreter.Outcome outcome =
        new Interpreter(l.plan(), results, log, stop, options, null).run();
    List<Path> written = Report.write(dir, formats(l), options(l, file));
    log.println();
    log.println(
        "status: "
            + outcome.status().word()
            + (outcome.error() == null ? "" : " (" + outcome.error() + ")"));
    for (String b : outcome.breakpoints()) log.println("threshold broke: " + b);
    for (String p : Report.listing(dir, written)) log.println("report: " + p);
    log.flush();
    boolean ok = outcome.status() == Manifest.Status.COMPLETE && outcome.breakpoints().isEmpty();
    return ok ? KexpCommand.OK : KexpCommand.FAILED;
  }

  /** The file's report options; its reference CSV is relative to the file. */
  private static ReportOptions options(Loading.Loaded l, Path file) {
    var layout = l.file().experiment().reportLayout();
    Path dir = file.toAbsolutePath().getParent();
    return new ReportOptions(
        layout.align(), layout.reference() == null ? null : dir.resolve(layout.reference()));
  }

  private static Set<String> formats(Loading.Loaded l) {
    return ReportWriters.forRun(
        l.file().experiment().reports().stream().map(ReportFormat::word).toList());
  }
}
