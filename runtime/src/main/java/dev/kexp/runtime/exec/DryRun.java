package dev.kexp.runtime.exec;

import dev.kexp.runtime.control.NodeLog;
import dev.kexp.runtime.control.RecordingRemote;
import dev.kexp.runtime.control.Redactor;
import dev.kexp.runtime.plan.RunPlan;
import dev.kexp.runtime.plan.Step;
import dev.kexp.stdlib.Cmd;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a run's node commands through the same {@link NodeSteps} code {@code kexp run} uses, to
 * {@link RecordingRemote}s: what they record is what real nodes would receive, in order. Captured
 * values (join tokens) stay placeholders, as no node printed them.
 */
public final class DryRun {
  private DryRun() {}

  public static List<RecordingRemote.Call> record(RunPlan run) {
    List<RecordingRemote.Call> calls = new ArrayList<>();
    Map<String, RecordingRemote> remotes = new HashMap<>();
    Map<String, String> values = new HashMap<>();
    for (Step step : run.steps()) {
      for (Cmd cmd : step.commands()) {
        for (String node : step.nodes()) {
          RecordingRemote r =
              remotes.computeIfAbsent(
                  node, n -> new RecordingRemote(n, NodeLog.discard(n, new Redactor()), calls));
          // Nothing prints a token in a dry run: the capture is left out, its placeholder kept.
          Cmd sent = new Cmd(cmd.line(), cmd.root(), cmd.timeout(), null, null, false);
          // Values a runner fills at run time (the MySQL server's address and password) stay
          // placeholders too.
          java.util.regex.Matcher ref =
              java.util.regex.Pattern.compile("\\{\\{([a-z][a-z0-9._-]*)}}").matcher(cmd.line());
          while (ref.find()) values.putIfAbsent(ref.group(1), Cmd.ref(ref.group(1)));
          try {
            NodeSteps.run(
                step.describe(), sent, r, NodeLog.discard(node, new Redactor()), values, false);
          } catch (NodeSteps.CommandFailed | dev.kexp.runtime.control.Remote.RemoteException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
          if (cmd.capture() != null) values.put(cmd.capture(), Cmd.ref(cmd.capture()));
        }
      }
    }
    return calls;
  }
}
