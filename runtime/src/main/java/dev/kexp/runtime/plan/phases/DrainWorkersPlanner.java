package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;

/** {@code drainWorkers}: cordon and drain every worker through the Eviction API. */
public final class DrainWorkersPlanner implements PhasePlanner<Phase.DrainWorkers> {
  public Class<Phase.DrainWorkers> type() {
    return Phase.DrainWorkers.class;
  }

  public void plan(Phase.DrainWorkers p, PlanContext plan) {
    for (Node n : plan.cluster().workers())
      plan.add(
          new Step.Drain(
              plan.label(p),
              n.host(),
              "cordon and drain worker "
                  + n.host()
                  + " (evictions honour PodDisruptionBudgets, DaemonSet pods stay)"));
  }
}
