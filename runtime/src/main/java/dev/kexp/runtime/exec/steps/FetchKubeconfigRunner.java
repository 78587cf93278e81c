package dev.kexp.runtime.exec.steps;

import dev.kexp.runtime.cluster.Kube;
import dev.kexp.runtime.exec.Kubeconfig;
import dev.kexp.runtime.exec.RunContext;
import dev.kexp.runtime.exec.StepRunner;
import dev.kexp.runtime.plan.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Fetches the kubeconfig from the master (kept in memory: it holds credentials) and connects at
 * once, so events-k8s.jsonl and replicas.csv also cover what happens before the first Kubernetes
 * step (the workload's install, the nodes joining).
 */
public final class FetchKubeconfigRunner implements StepRunner<Step.FetchKubeconfig> {
  /** How long the API server may take to answer once the kubeconfig is there. */
  static final Duration REACHABLE_WITHIN = Duration.ofSeconds(10);

  public Class<Step.FetchKubeconfig> type() {
    return Step.FetchKubeconfig.class;
  }

  public void run(Step.FetchKubeconfig k, RunContext run) throws Exception {
    run.fanout(
        List.of(k.node()),
        node ->
            run.kubeconfig(
                Kubeconfig.pointAt(run.runOn(node, k.describe(), k.command(), true), node)));
    // An API server this machine cannot reach yet is a warning, not a failure: a run without
    // Kubernetes steps does not need it, and the first Kubernetes step connects again and fails
    // with the reason.
    String unreachable = null;
    try {
      if (!run.hasConnector()) unreachable = Kube.unreachable(run.kubeconfig(), REACHABLE_WITHIN);
      if (unreachable == null) {
        run.cluster();
        return;
      }
    } catch (IOException | RuntimeException e) {
      unreachable = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    run.warn(
        "Kubernetes events and replicas are not recorded yet, the API server does not answer ("
            + unreachable
            + "); the first Kubernetes step connects again");
  }
}
