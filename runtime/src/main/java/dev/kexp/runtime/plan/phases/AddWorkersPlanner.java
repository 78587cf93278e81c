package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Setup;

/**
 * {@code addWorkers}: join tokens on the master, then each worker joins, one at a time as the
 * second paper did, or all at once with {@code parallel: true}.
 */
public final class AddWorkersPlanner implements PhasePlanner<Phase.AddWorkers> {
  public Class<Phase.AddWorkers> type() {
    return Phase.AddWorkers.class;
  }

  public void plan(Phase.AddWorkers p, PlanContext plan) {
    Cluster c = plan.cluster();
    Distro d = plan.distro();
    Setup s = plan.setup();
    if (!c.workers().isEmpty()) {
      plan.add(PlanContext.onNode(plan.label(p), c.master(), "create join tokens", plan.tokens()));
    }
    for (Node n : c.workers()) {
      Step.OnNode join =
          PlanContext.onNode(
              plan.label(p),
              n,
              "join the "
                  + c.distro().word()
                  + " cluster"
                  + (p.parallel() ? "" : " (one at a time)"),
              d.join(s, n.host(), plan.tokenName(n.host())));
      plan.add(
          new Step.OnNode(
              join.phase(),
              join.node(),
              join.role(),
              join.action(),
              join.commands(),
              !p.parallel()));
    }
  }
}
