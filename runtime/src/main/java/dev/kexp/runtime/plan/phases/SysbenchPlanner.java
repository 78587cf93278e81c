package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;

/**
 * {@code sysbench ...}: refused until the benchmark runner lands, so that a file that cannot run
 * fails at {@code kexp check} with its line, not after an install.
 */
public final class SysbenchPlanner implements PhasePlanner<Phase.Sysbench> {
  public Class<Phase.Sysbench> type() {
    return Phase.Sysbench.class;
  }

  public void plan(Phase.Sysbench p, PlanContext plan) {
    plan.refuse(
        p.at(),
        "sysbench is not runnable yet: this build of kexp parses and checks it, but has no runner"
            + " for it; remove the phase, or run sysbench by hand against the mysql workload");
  }
}
