package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.cluster.ClusterSteps;
import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Event;
import dev.kexp.stdlib.Cmd;

/**
 * Helm's planned commands on the master, after the connection that leaves the kubeconfig there;
 * namespaces are created before and deleted after through the API, and the last command's output
 * (what {@code helm list} says) is kept in events.jsonl.
 */
public final class HelmRunner implements StepRunner<Step.Helm> {
  public Class<Step.Helm> type() {
    return Step.Helm.class;
  }

  /** Runs one command on the step's node; returns its output. */
  public interface NodeCommand {
    String run(Cmd command) throws Exception;
  }

  public void run(Step.Helm step, RunContext run) throws Exception {
    apply(step, run.cluster(), c -> run.runOn(step.node(), step.describe(), c, false));
  }

  /** What the step does, given the cluster connection and a way to run a command on its node. */
  public static void apply(Step.Helm step, ClusterSteps cluster, NodeCommand node)
      throws Exception {
    cluster.createNamespaces(step.createFirst());
    String last = "";
    for (Cmd c : step.commands()) last = node.run(c);
    if (!last.isBlank()) cluster.note(Event.HELM_RELEASE, last.strip());
    cluster.deleteNamespaces(step.deleteAfter());
  }
}
