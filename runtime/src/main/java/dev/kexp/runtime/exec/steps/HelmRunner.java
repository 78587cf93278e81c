package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.cluster.ClusterSteps;
import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.stdlib.Cmd;
import java.util.List;

/**
 * Helm's planned commands on the master, after the connection that leaves the kubeconfig there;
 * namespaces are created before and deleted after through the API, and the last command's output
 * (what {@code helm list} says) is kept in events.jsonl.
 */
public final class HelmRunner implements StepRunner<Step.Helm> {
  public Class<Step.Helm> type() {
    return Step.Helm.class;
  }

  public void run(Step.Helm step, RunContext run) throws Exception {
    ClusterSteps cluster = run.cluster();
    cluster.createNamespaces(step.createFirst());
    List<Cmd> commands = step.commands();
    String last = "";
    for (Cmd c : commands) last = run.runOn(step.node(), step.describe(), c, false);
    if (!last.isBlank()) cluster.note("helm-release", last.strip());
    cluster.deleteNamespaces(step.deleteAfter());
  }
}
