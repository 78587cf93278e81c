package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;

/** {@code stopMaster}: the control plane on the master. */
public final class StopMasterPlanner implements PhasePlanner<Phase.StopMaster> {
  public Class<Phase.StopMaster> type() {
    return Phase.StopMaster.class;
  }

  public void plan(Phase.StopMaster p, PlanContext plan) {
    Cluster c = plan.cluster();
    plan.add(
        PlanContext.onNode(
            plan.label(p),
            c.master(),
            "stop the " + c.distro().word() + " control plane",
            plan.distro().stopControlPlane(plan.setup())));
  }
}
