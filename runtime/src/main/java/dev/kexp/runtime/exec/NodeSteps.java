package dev.kexp.runtime.exec;

import dev.kexp.runtime.control.NodeLog;
import dev.kexp.runtime.control.Remote;
import dev.kexp.stdlib.Cmd;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a node's commands through its {@link Remote}: substitutes captured values, logs each
 * command, checks its exit status and captures what later commands need. The same code runs against
 * a real node, this machine, or the recorder of a dry run.
 */
public final class NodeSteps {
  /**
   * A placeholder: lower-case, so Go templates such as docker's {@code {{.Server.Version}}} are
   * left alone.
   */
  private static final Pattern REF = Pattern.compile("\\{\\{([a-z][a-z0-9._-]*)}}");

  private static final int STDERR_LINES = 5;

  private NodeSteps() {}

  /** A command that failed, with everything needed to see why. */
  public static final class CommandFailed extends Exception {
    public CommandFailed(String message) {
      super(message);
    }
  }

  /**
   * Runs {@code commands} in order on {@code remote}, stopping at the first that fails.
   *
   * @param step how the error and the log name the step
   * @param values captured values, read by {@code {{name}}} and written by capturing commands
   */
  public static void run(
      String step, List<Cmd> commands, Remote remote, NodeLog log, Map<String, String> values)
      throws CommandFailed, Remote.RemoteException {
    log.note("step: " + step);
    for (Cmd cmd : commands) {
      run(step, cmd, remote, log, values, false);
    }
  }

  /** Runs one command; returns its stdout. {@code hide} keeps its stdout out of the log. */
  public static String run(
      String step, Cmd cmd, Remote remote, NodeLog log, Map<String, String> values, boolean hide)
      throws CommandFailed, Remote.RemoteException {
    String line = substitute(cmd.line(), values, step, remote.node());
    log.note((cmd.root() ? "# " : "$ ") + line);
    AtomicReference<String> captured = null;
    if (cmd.capture() != null)
      captured = log.capture(Pattern.compile(cmd.pattern(), Pattern.MULTILINE));
    if (hide) log.hideOutput();
    Remote.CommandResult r;
    try {
      r = remote.run(new Remote.Command(line, cmd.root(), cmd.timeout()));
    } finally {
      log.endCommand();
    }
    log.note("exit " + r.exit());
    if (!r.ok()) {
      throw new CommandFailed(
          step
              + " on "
              + remote.node()
              + ": `"
              + log.redactor().redact(line)
              + "`"
              + (cmd.root() ? " (as root)" : "")
              + " exited with status "
              + r.exit()
              + lastLines(log.redactor().redact(r.stderr())));
    }
    if (captured != null) {
      String value = captured.get();
      if (value == null) {
        throw new CommandFailed(
            step
                + " on "
                + remote.node()
                + ": `"
                + cmd.line()
                + "` printed no "
                + cmd.capture()
                + " (no line matches "
                + cmd.pattern()
                + ")");
      }
      values.put(cmd.capture(), value);
    }
    return r.stdout();
  }

  /**
   * Runs one command and returns how it ended, without failing on its exit status: for a tool whose
   * output says why it failed (sysbench prints its errors on stdout), which the caller reads. Its
   * output goes to the node's log as usual.
   */
  public static Remote.CommandResult result(
      String step, Cmd cmd, Remote remote, NodeLog log, Map<String, String> values)
      throws CommandFailed, Remote.RemoteException {
    String line = substitute(cmd.line(), values, step, remote.node());
    log.note((cmd.root() ? "# " : "$ ") + line);
    Remote.CommandResult r;
    try {
      r = remote.run(new Remote.Command(line, cmd.root(), cmd.timeout()));
    } finally {
      log.endCommand();
    }
    log.note("exit " + r.exit());
    return r;
  }

  static String substitute(String line, Map<String, String> values, String step, String node)
      throws CommandFailed {
    Matcher m = REF.matcher(line);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new CommandFailed(
            step + " on " + node + ": no value for {{" + m.group(1) + "}} (nothing captured it)");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String lastLines(String stderr) {
    List<String> lines = Arrays.stream(stderr.split("\n")).filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) return " (nothing on stderr)";
    List<String> last = lines.subList(Math.max(0, lines.size() - STDERR_LINES), lines.size());
    return "; last lines of stderr:\n    " + String.join("\n    ", last);
  }
}
