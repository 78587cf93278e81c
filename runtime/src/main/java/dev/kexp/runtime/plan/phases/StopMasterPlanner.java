package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.stdlib.Cmd;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stopMaster}: the control plane stopped with everything it started, timed until the master
 * runs no platform process (so the next repetition's idle is idle).
 */
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
            commands(plan)));
  }

  private static List<Cmd> commands(PlanContext plan) {
    List<Cmd> cmds = new ArrayList<>(plan.distro().stopControlPlane(plan.setup()));
    cmds.add(ClusterLifecycle.processesGone());
    return cmds;
  }
}
