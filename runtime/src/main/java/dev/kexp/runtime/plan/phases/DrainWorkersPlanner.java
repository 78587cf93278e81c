package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Readiness;
import dev.kexp.stdlib.Setup;
import java.util.List;

/**
 * {@code drainWorkers}: the workers leave the cluster, one after the other, so the next
 * repetition's {@code addWorkers} joins them again. Each is cordoned and drained through the
 * Eviction API, then leaves on its own (reset, stop or leave: the worker's processes end), then the
 * master removes its Node (before, a running kubelet would register it again). Timed until only the
 * master is left.
 */
public final class DrainWorkersPlanner implements PhasePlanner<Phase.DrainWorkers> {
  public Class<Phase.DrainWorkers> type() {
    return Phase.DrainWorkers.class;
  }

  public void plan(Phase.DrainWorkers p, PlanContext plan) {
    Cluster c = plan.cluster();
    Distro d = plan.distro();
    Setup s = plan.setup();
    String w = plan.label(p);
    String word = c.distro().word();
    for (Node n : c.workers()) {
      plan.add(
          new Step.Drain(
              w,
              n.host(),
              "cordon and drain worker "
                  + n.host()
                  + " (evictions honour PodDisruptionBudgets, DaemonSet pods stay)"));
      plan.add(PlanContext.onNode(w, n, "leave the " + word + " cluster", d.leave(s)));
      plan.add(
          PlanContext.onNode(
              w,
              c.master(),
              "remove node " + n.host() + " from the cluster",
              d.removeNode(s, n.host())));
    }
    if (!c.workers().isEmpty()) {
      plan.add(
          PlanContext.onNode(
              w,
              c.master(),
              "wait until only the control plane is left",
              List.of(Readiness.nodeCount(d.kubectl(), ClusterLifecycle.nodes(d, 0)))));
    }
  }
}
