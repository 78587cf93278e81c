package dev.kexp.runtime.cli;

import dev.kexp.runtime.load.LoadVertx;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kexp} command line. Exit codes: 0 success, 1 run failed or threshold broke, 2 bad
 * input.
 */
@Command(
    name = "kexp",
    mixinStandardHelpOptions = true,
    versionProvider = KexpCommand.Version.class,
    description = "Reproducible Kubernetes experiments from a .kexp file.",
    subcommands = {
      CheckCommand.class,
      PlanCommand.class,
      RunCommand.class,
      ReportCommand.class,
      LoadCommand.class,
      CompareCommand.class,
      ReplCommand.class,
      EditorCommand.class,
      AgentCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    footer = {
      "",
      "Start with:  kexp run experiments/quickstart.kexp",
      "Exit codes:  0 success, 1 the run failed or a threshold broke, 2 invalid input or usage"
    })
public final class KexpCommand implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int INVALID = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    // Before any Vert.x or Netty class loads: they read these settings once.
    LoadVertx.tune();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    // picocli looks for Groovy's Closure class (for closures in annotations, unused here) and the
    // lookup initialises Groovy's whole runtime, since the DSL puts Groovy on the class path: half
    // a second of every command, `kexp --version` included. The DSL initialises it when it runs.
    System.setProperty("picocli.disable.closures", "true");
    CommandLine cl = new CommandLine(new KexpCommand());
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // Never a stack trace: a short message, and the exit code for a failed run.
          commandLine
              .getErr()
              .println("kexp: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          return FAILED;
        });
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    return cl;
  }

  public static String version() {
    try (InputStream in = KexpCommand.class.getResourceAsStream("/kexp-version.properties")) {
      Properties p = new Properties();
      if (in != null) p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }

  /** {@code kexp --version}: kexp, Java and OS, as the manifest records them. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "kexp " + version(),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch")
      };
    }
  }
}
