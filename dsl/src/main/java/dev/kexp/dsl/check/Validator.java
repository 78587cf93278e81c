package dev.kexp.dsl.check;

import dev.kexp.dsl.model.Cell;
import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.Target;
import dev.kexp.stdlib.Stdlib;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that need the whole model: a load phase needs a target, a lifecycle phase needs a master,
 * node names are unique. Each keyword's own checks happen where it is read.
 */
public final class Validator {
  private Validator() {}

  public static List<Problem> validate(Experiment e) {
    List<Problem> out = new ArrayList<>();
    boolean hasTarget = e.load().target() instanceof Target.Url || endpoint(e);
    boolean hasLoad = false;
    for (Phase p : e.allPhases()) {
      if (p instanceof Phase.LoadPhase) {
        hasLoad = true;
        if (!hasTarget) {
          out.add(
              Problem.error(
                  p.at(),
                  p.word()
                      + " has no target: add a workload, e.g. workload function('factorial', arg: 500), or load { target 'http://host:port/path' }"));
        }
      }
      if (p instanceof Phase.Deploy && e.workload() == null) {
        out.add(
            Problem.error(
                p.at(),
                "deploy has no workload: add workload openfaas(...), deployment(...) or mysql(...)"));
      }
      if (p instanceof Phase.Sysbench s
          && s.target() == null
          && (e.workload() == null || !e.workload().speaksMysql())) {
        out.add(
            Problem.error(
                p.at(),
                "sysbench needs a MySQL workload: add workload mysql(version: '8.0'), or give target: 'mysql://user@host:3306/db'"));
      }
    }
    for (Phase p : e.setup()) onceOnly(p, "setup", out);
    for (Phase p : e.teardown()) onceOnly(p, "teardown", out);
    if (!e.thresholds().isEmpty() && !hasLoad) {
      out.add(
          Problem.warning(e.thresholds().get(0).at(), "thresholds have no load phase to watch"));
    }
    for (Cell cell : e.cells()) {
      Cluster c = cell.cluster();
      if (c == null) continue;
      duplicates(c, out);
      for (Phase p : e.allPhases()) lifecycle(p, c, cell, out);
      distro(e, cell, out);
      loadOrigin(e, c, out);
      if (!c.local() && e.workload() != null && e.workload().servedByKexp()) {
        out.add(
            Problem.warning(
                e.workload().at(),
                e.workload().word() + " is served by kexp on the loader, not on the cluster"));
      }
    }
    return dedupe(out);
  }

  /**
   * Where load comes from: the cluster's loaders, or this machine. A cluster of loaders only
   * measures a service that already runs, so it needs a URL; without a loader, load leaves this
   * machine, and a target elsewhere measures this machine's network path too.
   */
  private static void loadOrigin(Experiment e, Cluster c, List<Problem> out) {
    Phase load =
        e.allPhases().stream().filter(p -> p instanceof Phase.LoadPhase).findFirst().orElse(null);
    if (load == null || c.local()) return;
    boolean url = e.load().target() instanceof Target.Url;
    if (c.loadOnly() && !url) {
      out.add(
          Problem.error(
              load.at(),
              load.word()
                  + " on a cluster of loaders only needs a running service to load: add load {"
                  + " target 'http://host:port/path' }"));
    }
    if (!c.loaders().isEmpty()) return;
    if (!url) {
      // The workload's endpoint is on the cluster's nodes, never on this machine.
      if (e.workload() != null && e.workload().servesHttp() && !e.workload().servedByKexp()) {
        out.add(
            Problem.warning(
                load.at(),
                "load comes from this machine (the cluster has no loader) and goes to the"
                    + " workload on the cluster's nodes: the results include this machine's"
                    + " network path; add loader 'node' to the cluster to load from next to it"));
      }
      return;
    }
    String host = host(((Target.Url) e.load().target()).url());
    if (host == null || LOCAL_HOSTS.contains(host) || host.startsWith("127.")) return;
    out.add(
        Problem.warning(
            e.load().at(),
            "load comes from this machine (the cluster has no loader), and its target "
                + host
                + " is not on this machine: the results include this machine's network path; add"
                + " loader 'node' to the cluster to load from next to it"));
  }

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "::1", "[::1]");

  private static String host(String url) {
    try {
      return java.net.URI.create(url).getHost();
    } catch (IllegalArgumentException ex) {
      return null;
    }
  }

  private static boolean endpoint(Experiment e) {
    return e.workload() != null && e.workload().servesHttp();
  }

  /** The phases that act on a cluster through its master. */
  private static final Set<Class<? extends Phase>> ON_MASTER =
      Set.of(
          Phase.StartMaster.class,
          Phase.StopMaster.class,
          Phase.AddWorkers.class,
          Phase.DrainWorkers.class,
          Phase.Apply.class,
          Phase.Delete.class,
          Phase.ApplyManifest.class,
          Phase.DeleteManifest.class);

  private static void lifecycle(Phase p, Cluster c, Cell cell, List<Problem> out) {
    if (p instanceof Phase.Iozone io) iozoneNodes(io, c, out);
    boolean needsMaster = ON_MASTER.contains(p.getClass());
    if (c.local() && needsMaster) {
      out.add(
          Problem.error(
              p.at(), p.word() + " needs a cluster with a master; this cluster is local"));
    }
    if (c.local() && (p instanceof Phase.Install || p instanceof Phase.Uninstall)) {
      out.add(Problem.warning(p.at(), p.word() + " does nothing on a local cluster"));
    }
    if (!c.local()
        && c.workers().isEmpty()
        && (p instanceof Phase.AddWorkers || p instanceof Phase.DrainWorkers)) {
      out.add(
          Problem.error(
              p.at(), p.word() + " needs workers: add workers 'node1', 'node2' to the cluster"));
    }
  }

  /** {@code iozone on: ...} names nodes this cluster has. */
  private static void iozoneNodes(Phase.Iozone io, Cluster c, List<Problem> out) {
    String on = io.on();
    if (on.equals(Phase.Iozone.ALL) || on.equals("master")) return;
    if (on.equals("workers")) {
      if (c.local() || c.workers().isEmpty()) {
        out.add(
            Problem.error(
                io.at(),
                "iozone on: workers, but this cluster has no workers; write on: master, or leave"
                    + " on: out for every node"));
      }
      return;
    }
    List<String> hosts = c.nodes().stream().map(n -> n.host()).toList();
    if (c.local() || !hosts.contains(on)) {
      out.add(
          Problem.error(
              io.at(),
              "iozone on: '"
                  + on
                  + "' is not a node of this cluster"
                  + (hosts.isEmpty()
                      ? ""
                      : Suggest.didYouMean(on, hosts)
                          + " (nodes: "
                          + String.join(", ", hosts)
                          + ")")
                  + "; or write on: workers, on: master"));
    }
  }

  /** Load and benchmarks are measurements: they belong in the repeated phases. */
  private static void onceOnly(Phase p, String block, List<Problem> out) {
    if (p instanceof Phase.LoadPhase || p instanceof Phase.Sysbench || p instanceof Phase.Iozone) {
      out.add(
          Problem.error(
              p.at(),
              p.word()
                  + " measures, and "
                  + block
                  + " runs once per matrix cell without being measured: move it into phases { }"));
    }
  }

  /**
   * A cluster of plain nodes without a distribution runs what needs no Kubernetes (idle, node
   * sampling, iozone, sysbench against a target). Anything else needs a distro: the error is at the
   * cell's line (with a matrix) or the cluster's, since that is where the distro goes.
   */
  private static void distro(Experiment e, Cell cell, List<Problem> out) {
    Cluster c = cell.cluster();
    if (c.local() || c.distro() != null) return;
    Set<String> needs = new LinkedHashSet<>();
    for (Phase p : e.allPhases()) {
      // A cluster of loaders only has its own error for load without a URL (see loadOrigin).
      if (c.loadOnly() && p instanceof Phase.LoadPhase) continue;
      if (needsKubernetes(p, e)) needs.add(p.word());
    }
    if (!e.metrics().replicas().isEmpty()) needs.add("metrics replicas");
    if (needs.isEmpty()) return;
    boolean matrix = !cell.at().equals(e.at());
    String what = String.join(", ", needs) + (needs.size() == 1 ? " needs" : " need");
    String distros = String.join(", ", Stdlib.get().distros().keySet());
    String message;
    if (!matrix) {
      message =
          "the cluster has no distro, and "
              + what
              + " Kubernetes: add distro k3s to the cluster (distros: "
              + distros
              + ")";
    } else if (!cell.settings().isEmpty()) {
      message =
          "cell '"
              + cell.name()
              + "' has no distro, and "
              + what
              + " Kubernetes: add distro k3s to the cluster, or distro: [k3s] to the matrix"
              + " (distros: "
              + distros
              + ")";
    } else {
      message =
          "cell '"
              + cell.name()
              + "' has no distro, and "
              + what
              + " Kubernetes: add distro k3s to the cluster or to cell '"
              + cell.name()
              + "' (distros: "
              + distros
              + ")";
    }
    out.add(Problem.error(c.at(), message));
  }

  /** Whether phase {@code p} talks to Kubernetes or installs it. */
  private static boolean needsKubernetes(Phase p, Experiment e) {
    if (p instanceof Phase.LoadPhase) {
      // Load aimed at a workload on the cluster; a URL of the file's own, or kexp's own function,
      // needs no cluster.
      return e.workload() != null
          && !e.workload().servedByKexp()
          && !(e.load().target() instanceof Target.Url);
    }
    return p instanceof Phase.Install
        || p instanceof Phase.Uninstall
        || p instanceof Phase.Deploy
        || ON_MASTER.contains(p.getClass());
  }

  private static void duplicates(Cluster c, List<Problem> out) {
    Map<String, Node> seen = new HashMap<>();
    for (Node n : c.nodes()) {
      Node first = seen.putIfAbsent(n.host(), n);
      if (first != null) {
        out.add(
            Problem.error(
                n.at(), "node '" + n.host() + "' is listed twice (also at " + first.at() + ")"));
      }
    }
  }

  private static List<Problem> dedupe(List<Problem> problems) {
    return problems.stream().distinct().toList();
  }
}
