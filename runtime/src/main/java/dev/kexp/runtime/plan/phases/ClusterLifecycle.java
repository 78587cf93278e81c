package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.PlatformProcesses;
import dev.kexp.runtime.plan.Step;
import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.Cni;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Readiness;
import dev.kexp.stdlib.Setup;
import dev.kexp.stdlib.Stdlib;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle steps that several phases share: starting the control plane (by {@code
 * startMaster}, or by an {@code install} that also starts), and joining the workers (by {@code
 * addWorkers}, or by such an install). Each ends when the cluster says it is done.
 */
final class ClusterLifecycle {
  private ClusterLifecycle() {}

  /** How long a stopped platform may take to let its last process go. */
  static final Duration PROCESSES_GONE_WITHIN = Duration.ofMinutes(2);

  /**
   * Whether {@code install} only prepares the nodes: a {@code startMaster} follows it (in its
   * block, or in the repeated phases after the setup block) before any {@code stopMaster}.
   */
  static boolean preparesOnly(Phase.Install install, PlanContext plan) {
    List<Phase> order = new ArrayList<>(plan.experiment().setup());
    order.addAll(plan.experiment().phases());
    boolean after = false;
    for (Phase p : order) {
      if (p == install) after = true;
      else if (after && p instanceof Phase.StartMaster) return true;
      else if (after && p instanceof Phase.StopMaster) return false;
    }
    return false;
  }

  /** Nodes the cluster has with {@code workers} joined: a k0s controller is not one. */
  static int nodes(Distro d, int workers) {
    return workers + (d.controlPlaneIsNode() ? 1 : 0);
  }

  /**
   * The control plane started on a prepared master, its CNI applied, and the master Ready (a k0s
   * controller, not a node itself: its API answering).
   */
  static List<Cmd> startMaster(PlanContext plan) {
    Distro d = plan.distro();
    Setup s = plan.setup();
    Cni cni = Stdlib.get().cnis().get(plan.cluster().cni().word());
    List<Cmd> cmds = new ArrayList<>(d.startControlPlane(s));
    if (!d.providesCni(cni.word())) cmds.addAll(cni.install(s, d.kubectl()));
    cmds.add(Readiness.atLeastReady(d.kubectl(), nodes(d, 0)));
    return cmds;
  }

  /**
   * Tokens on the master, then each worker joins; one at a time, each followed by the wait on the
   * master until it is Ready (the second paper's throttle of one), or all at once and one wait.
   */
  static void addWorkers(PlanContext plan, String phase, boolean parallel) {
    Cluster c = plan.cluster();
    Distro d = plan.distro();
    Setup s = plan.setup();
    if (c.workers().isEmpty()) return;
    plan.add(PlanContext.onNode(phase, c.master(), "create join tokens", plan.tokens()));
    int joined = 0;
    for (Node n : c.workers()) {
      plan.add(
          new Step.OnNode(
              phase,
              n.host(),
              n.role(),
              "join the " + c.distro().word() + " cluster" + (parallel ? "" : " (one at a time)"),
              d.join(s, n.host(), plan.tokenName(n.host())),
              !parallel));
      joined++;
      if (!parallel) {
        plan.add(
            PlanContext.onNode(
                phase,
                c.master(),
                "wait until " + n.host() + " is Ready",
                List.of(Readiness.nodesReady(d.kubectl(), nodes(d, joined)))));
      }
    }
    if (parallel) awaitAllReady(plan, phase);
  }

  /** On the master: waits until every node of the cluster is Ready. */
  static void awaitAllReady(PlanContext plan, String phase) {
    Cluster c = plan.cluster();
    Distro d = plan.distro();
    plan.add(
        PlanContext.onNode(
            phase,
            c.master(),
            "wait until all nodes are Ready",
            List.of(Readiness.nodesReady(d.kubectl(), nodes(d, c.workers().size())))));
  }

  /**
   * Waits until the node runs none of the platform's processes; one still running after the wait is
   * printed, and the next repetition's idle check records and warns about it.
   */
  static Cmd processesGone() {
    long seconds = PROCESSES_GONE_WITHIN.toSeconds();
    String probe = PlatformProcesses.LIST;
    return Cmd.user(
            "i=0; while "
                + probe
                + " >/dev/null; do i=$((i+1)); if [ $i -ge "
                + seconds
                + " ]; then echo 'kexp: still running after "
                + seconds
                + " s:' >&2; "
                + probe
                + " | sort | uniq -c >&2; break; fi; sleep 1; done")
        .within(PROCESSES_GONE_WITHIN.plusMinutes(1));
  }
}
