package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;

/**
 * Registers the replica watches; recording starts with the cluster connection (the kubeconfig fetch
 * or the first Kubernetes step).
 */
public final class WatchReplicasRunner implements StepRunner<Step.WatchReplicas> {
  public Class<Step.WatchReplicas> type() {
    return Step.WatchReplicas.class;
  }

  public void run(Step.WatchReplicas step, RunContext run) throws Exception {
    run.watchReplicas(step.watches());
  }
}
