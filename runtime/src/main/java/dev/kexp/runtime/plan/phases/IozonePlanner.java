package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;

/**
 * {@code iozone ...}: refused until the benchmark runner lands, so that a file that cannot run
 * fails at {@code kexp check} with its line, not after an install.
 */
public final class IozonePlanner implements PhasePlanner<Phase.Iozone> {
  public Class<Phase.Iozone> type() {
    return Phase.Iozone.class;
  }

  public void plan(Phase.Iozone p, PlanContext plan) {
    plan.refuse(
        p.at(),
        "iozone is not runnable yet: this build of kexp parses and checks it, but has no runner"
            + " for it; remove the phase, or run iozone on the nodes by hand");
  }
}
