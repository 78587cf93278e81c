package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;
import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.ContainerRuntime;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Setup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code install}. When a {@code startMaster} follows it (the second paper's {@code setup { install
 * }}), it only prepares every node: runtime, packages, binaries, services installed but not
 * started. Otherwise it also starts the cluster, as the first paper's runs did: the master first
 * (runtime, control plane, CNI, join tokens), then every worker in parallel (runtime, join), then
 * the wait until all nodes are Ready and the kubeconfig. Either way the nodes' versions are
 * recorded.
 */
public final class InstallPlanner implements PhasePlanner<Phase.Install> {
  public Class<Phase.Install> type() {
    return Phase.Install.class;
  }

  public void plan(Phase.Install p, PlanContext plan) {
    if (plan.cluster().local()) return;
    Cluster c = plan.cluster();
    Distro d = plan.distro();
    ContainerRuntime rt = plan.runtime();
    Setup s = plan.setup();
    String w = plan.label(p);
    boolean prepareOnly = ClusterLifecycle.preparesOnly(p, plan);
    List<Cmd> runtime = d.bundles(rt.word()) ? List.of() : rt.install(s);
    String what =
        (prepareOnly ? "prepare " : "install ")
            + c.distro()
            + " (runtime "
            + c.runtime()
            + ", CNI "
            + c.cni()
            + ")";
    List<Cmd> master = new ArrayList<>(runtime);
    master.addAll(d.prepare(s, true));
    if (!prepareOnly) {
      master.addAll(ClusterLifecycle.startMaster(plan));
      master.addAll(plan.tokens());
    }
    plan.add(
        PlanContext.onNode(
            w,
            c.master(),
            what + (prepareOnly ? ", not started, on" : " as") + " the control plane",
            master));
    for (Node n : c.workers()) {
      List<Cmd> worker = new ArrayList<>(runtime);
      worker.addAll(d.prepare(s, false));
      if (!prepareOnly) worker.addAll(d.join(s, n.host(), plan.tokenName(n.host())));
      plan.add(
          PlanContext.onNode(
              w, n, what + (prepareOnly ? ", not joined" : " and join the cluster"), worker));
    }
    if (!prepareOnly) {
      if (!c.workers().isEmpty()) ClusterLifecycle.awaitAllReady(plan, w);
      plan.add(new Step.FetchKubeconfig(w, c.master().host(), d.kubeconfig(s)));
    }
    List<String> cluster = new ArrayList<>();
    cluster.add(c.master().host());
    c.workers().forEach(n -> cluster.add(n.host()));
    Map<String, Cmd> versions = new LinkedHashMap<>();
    versions.put(c.distro().word() + " version", d.version());
    versions.put(rt.word() + " version", rt.version());
    plan.add(new Step.NodeFacts(w, cluster, versions));
  }
}
