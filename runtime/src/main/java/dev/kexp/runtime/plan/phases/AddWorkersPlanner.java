package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;

/**
 * {@code addWorkers}: join tokens on the master, then each prepared worker joins (nothing is
 * installed here: that is {@code install}'s), one at a time as the second paper did, each timed
 * until the master sees it Ready, or all at once with {@code parallel: true}.
 */
public final class AddWorkersPlanner implements PhasePlanner<Phase.AddWorkers> {
  public Class<Phase.AddWorkers> type() {
    return Phase.AddWorkers.class;
  }

  public void plan(Phase.AddWorkers p, PlanContext plan) {
    ClusterLifecycle.addWorkers(plan, plan.label(p), p.parallel());
  }
}
