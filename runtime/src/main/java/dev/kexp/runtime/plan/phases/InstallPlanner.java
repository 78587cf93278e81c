package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.runtime.plan.PhasePlanner;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Step;
import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.Cni;
import dev.kexp.stdlib.ContainerRuntime;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Setup;
import dev.kexp.stdlib.Stdlib;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code install}: the master first (runtime, control plane, CNI, join tokens), then every worker
 * in parallel (runtime, join), then the kubeconfig and the versions the nodes report.
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
    Cni cni = Stdlib.get().cnis().get(c.cni().word());
    Setup s = plan.setup();
    String w = plan.label(p);
    List<Cmd> runtime = d.bundles(rt.word()) ? List.of() : rt.install(s);
    List<Cmd> master = new ArrayList<>(runtime);
    master.addAll(d.installControlPlane(s));
    if (!d.providesCni(cni.word())) master.addAll(cni.install(s, d.kubectl()));
    master.addAll(plan.tokens());
    String what = "install " + c.distro() + " (runtime " + c.runtime() + ", CNI " + c.cni() + ")";
    plan.add(PlanContext.onNode(w, c.master(), what + " as the control plane", master));
    for (Node n : c.workers()) {
      List<Cmd> worker = new ArrayList<>(runtime);
      worker.addAll(d.join(s, n.host(), plan.tokenName(n.host())));
      plan.add(PlanContext.onNode(w, n, what + " and join the cluster", worker));
    }
    plan.add(new Step.FetchKubeconfig(w, c.master().host(), d.kubeconfig(s)));
    List<String> cluster = new ArrayList<>();
    cluster.add(c.master().host());
    c.workers().forEach(n -> cluster.add(n.host()));
    Map<String, Cmd> versions = new LinkedHashMap<>();
    versions.put(c.distro().word() + " version", d.version());
    versions.put(rt.word() + " version", rt.version());
    plan.add(new Step.NodeFacts(w, cluster, versions));
  }
}
