package dev.kexp.runtime.plan;

import dev.kexp.dsl.check.Problem;
import dev.kexp.dsl.model.Breakpoint;
import dev.kexp.dsl.model.Cell;
import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Deployment;
import dev.kexp.dsl.model.EmbeddedFunction;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.Header;
import dev.kexp.dsl.model.Load;
import dev.kexp.dsl.model.Mysql;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.OpenFaas;
import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.ReportFormat;
import dev.kexp.dsl.model.Target;
import dev.kexp.dsl.model.Workload;
import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.Cni;
import dev.kexp.stdlib.ContainerRuntime;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Hypervisor;
import dev.kexp.stdlib.Setup;
import dev.kexp.stdlib.Stdlib;
import dev.kexp.stdlib.workload.OpenFaasCharts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands an experiment into runs (matrix cells × repetitions) and each run into steps. Pure: no
 * network, no files, no clock, so {@code kexp plan} can be run on anyone's .kexp safely.
 */
public final class Planner {
  private Planner() {}

  public static Plan plan(Experiment e, String sha256, List<Problem> warnings) {
    List<RunPlan> runs = new ArrayList<>();
    int total = e.cells().size() * e.repeat().times();
    for (Cell cell : e.cells()) {
      for (int rep = 1; rep <= e.repeat().times(); rep++) {
        List<Step> steps = steps(e, cell.cluster());
        boolean last = runs.size() == total - 1;
        if (!last && !e.repeat().pause().isZero()) {
          steps.add(new Step.Pause("pause", e.repeat().pause()));
        }
        String id = cell.name() + String.format("/rep-%02d", rep);
        runs.add(
            new RunPlan(id, cell.name(), rep, cell.settings(), describe(cell.cluster()), steps));
      }
    }
    return new Plan(
        e.name(),
        e.description(),
        e.file(),
        sha256,
        runs,
        e.thresholds().stream().map(Planner::describe).toList(),
        e.reports().stream().map(ReportFormat::word).toList(),
        warnings.stream().map(Problem::toString).toList());
  }

  static List<Step> steps(Experiment e, Cluster c) {
    List<Step> steps = new ArrayList<>();
    if (c.local()) {
      steps.add(new Step.UseLocalMachine("prepare"));
    } else {
      List<String> all = c.nodes().stream().map(Node::host).toList();
      if (!c.hypervisor().word().equals("none")) {
        steps.add(
            new Step.CheckHypervisor(
                "prepare", all, c.hypervisor().word(), c.hypervisor().mode(), Hypervisor.probe()));
      }
      steps.add(new Step.NodeFacts("prepare", all, NodeFactsCommands.SYSTEM));
    }
    if (e.workload() instanceof EmbeddedFunction f) {
      steps.add(new Step.ServeFunction("prepare", f.name(), f.arg()));
    }
    if (e.metrics().nodesEvery() != null) {
      steps.add(
          new Step.StartSampling(
              "prepare", c.nodes().stream().map(Node::host).toList(), e.metrics().nodesEvery()));
    }
    for (Phase p : e.phases()) phase(e, c, p, steps);
    if (e.metrics().nodesEvery() != null) steps.add(new Step.StopSampling("finish"));
    if (e.workload() instanceof EmbeddedFunction f)
      steps.add(new Step.StopFunction("finish", f.name()));
    return steps;
  }

  private static void phase(Experiment e, Cluster c, Phase p, List<Step> steps) {
    String w = p.word();
    boolean remoteWorkload = e.workload() != null && !(e.workload() instanceof EmbeddedFunction);
    if (p instanceof Phase.Install) {
      if (c.local()) return;
      install(w, c, steps);
    } else if (p instanceof Phase.Deploy) {
      if (remoteWorkload)
        steps.add(
            new Step.OnCluster(
                w,
                Step.ClusterOp.DEPLOY,
                e.workload().word(),
                null,
                "deploy " + describe(e.workload())));
    } else if (p instanceof Phase.Uninstall) {
      if (c.local()) return;
      if (remoteWorkload)
        steps.add(
            new Step.OnCluster(
                w,
                Step.ClusterOp.REMOVE,
                e.workload().word(),
                null,
                "remove " + describe(e.workload())));
      Distro d = distro(c);
      Setup s = setup(c);
      String what = "uninstall " + c.distro().word() + " and clean up";
      for (Node n : c.workers()) steps.add(onNode(w, n, what, d.uninstall(s, false)));
      steps.add(onNode(w, c.master(), what, d.uninstall(s, true)));
    } else if (p instanceof Phase.LoadPhase l) {
      steps.add(load(e, c, l));
    } else if (p instanceof Phase.Cooldown || p instanceof Phase.Idle) {
      steps.add(new Step.Wait(w, p.duration()));
    } else if (p instanceof Phase.StartMaster) {
      steps.add(
          onNode(
              w,
              c.master(),
              "start the " + c.distro().word() + " control plane",
              distro(c).startControlPlane(setup(c))));
      // A lifecycle that starts a cluster installed before the run (the second seed) has no
      // install phase: its Kubernetes steps need the kubeconfig from here.
      steps.add(new Step.FetchKubeconfig(w, c.master().host(), distro(c).kubeconfig(setup(c))));
    } else if (p instanceof Phase.StopMaster) {
      steps.add(
          onNode(
              w,
              c.master(),
              "stop the " + c.distro().word() + " control plane",
              distro(c).stopControlPlane(setup(c))));
    } else if (p instanceof Phase.AddWorkers) {
      Distro d = distro(c);
      Setup s = setup(c);
      if (!c.workers().isEmpty()) {
        steps.add(onNode(w, c.master(), "create join tokens", tokens(d, s, c)));
      }
      for (Node n : c.workers())
        steps.add(
            onNode(
                w,
                n,
                "join the " + c.distro().word() + " cluster",
                d.join(s, n.host(), tokenName(d, n.host()))));
    } else if (p instanceof Phase.DrainWorkers) {
      for (Node n : c.workers())
        steps.add(
            new Step.OnCluster(
                w,
                Step.ClusterOp.DRAIN,
                n.host(),
                null,
                "cordon and drain worker "
                    + n.host()
                    + " (evictions honour PodDisruptionBudgets, DaemonSet pods stay)"));
    } else if (p instanceof Phase.Apply a) {
      steps.add(
          new Step.OnCluster(
              w,
              Step.ClusterOp.APPLY,
              a.deployment().name(),
              a.deployment(),
              "apply " + describe(a.deployment()) + " and wait for the rollout"));
    } else if (p instanceof Phase.ApplyManifest a) {
      steps.add(
          new Step.OnCluster(
              w,
              Step.ClusterOp.APPLY_FILE,
              a.manifest().path(),
              null,
              "apply the objects of "
                  + a.manifest().path()
                  + " and wait for the rollout of its Deployments"));
    } else if (p instanceof Phase.DeleteManifest d) {
      steps.add(
          new Step.OnCluster(
              w,
              Step.ClusterOp.DELETE_FILE,
              d.manifest().path(),
              null,
              "delete the objects of " + d.manifest().path()));
    } else if (p instanceof Phase.Delete d) {
      steps.add(
          new Step.OnCluster(
              w,
              Step.ClusterOp.DELETE,
              d.name(),
              null,
              "delete " + d.kind() + " " + d.name() + " and wait until its pods are gone"));
    } else if (p instanceof Phase.Sysbench s) {
      String target =
          s.target() != null
              ? s.target()
              : "mysql " + ((Mysql) e.workload()).version() + " on the cluster";
      for (int t : s.threads()) {
        List<String> args =
            List.of(
                s.test(),
                "--threads=" + t,
                "--time=" + s.each().toSeconds(),
                "(against " + target + ")");
        steps.add(new Step.Benchmark(w, "sysbench", args, s.each()));
      }
    } else if (p instanceof Phase.Iozone io) {
      for (Node n : c.nodes()) {
        List<String> args =
            List.of("-s " + io.file(), "-r " + io.record(), "-i 0 -i 1", "(on " + n.host() + ")");
        steps.add(new Step.Benchmark(w, "iozone", args, Duration.ZERO));
      }
    } else {
      throw new IllegalStateException("no plan for phase " + w);
    }
  }

  /**
   * The install phase: the master first (runtime, control plane, CNI, join tokens), then every
   * worker in parallel (runtime, join), then the kubeconfig and the versions the nodes report.
   */
  private static void install(String w, Cluster c, List<Step> steps) {
    Distro d = distro(c);
    ContainerRuntime rt = Stdlib.get().runtimes().get(c.runtime().word());
    Cni cni = Stdlib.get().cnis().get(c.cni().word());
    Setup s = setup(c);
    List<Cmd> runtime = d.bundles(rt.word()) ? List.of() : rt.install(s);
    List<Cmd> master = new ArrayList<>(runtime);
    master.addAll(d.installControlPlane(s));
    if (!d.providesCni(cni.word())) master.addAll(cni.install(s, d.kubectl()));
    master.addAll(tokens(d, s, c));
    String what = "install " + c.distro() + " (runtime " + c.runtime() + ", CNI " + c.cni() + ")";
    steps.add(onNode(w, c.master(), what + " as the control plane", master));
    for (Node n : c.workers()) {
      List<Cmd> worker = new ArrayList<>(runtime);
      worker.addAll(d.join(s, n.host(), tokenName(d, n.host())));
      steps.add(onNode(w, n, what + " and join the cluster", worker));
    }
    steps.add(new Step.FetchKubeconfig(w, c.master().host(), d.kubeconfig(s)));
    List<String> cluster = new ArrayList<>();
    cluster.add(c.master().host());
    c.workers().forEach(n -> cluster.add(n.host()));
    Map<String, Cmd> versions = new LinkedHashMap<>();
    versions.put(c.distro().word() + " version", d.version());
    versions.put(rt.word() + " version", rt.version());
    steps.add(new Step.NodeFacts(w, cluster, versions));
  }

  /** The join tokens the workers use, created on the master: one, or one per worker. */
  private static List<Cmd> tokens(Distro d, Setup s, Cluster c) {
    if (c.workers().isEmpty()) return List.of();
    if (!d.tokenPerWorker()) return List.of(d.joinToken(s, tokenName(d, null)));
    return c.workers().stream().map(n -> d.joinToken(s, tokenName(d, n.host()))).toList();
  }

  private static String tokenName(Distro d, String worker) {
    return d.tokenPerWorker() && worker != null ? "join-token-" + worker : "join-token";
  }

  private static Distro distro(Cluster c) {
    return Stdlib.get().distros().get(c.distro().word());
  }

  /** What the stdlib needs of a cluster, as plain values. */
  public static Setup setup(Cluster c) {
    ContainerRuntime rt = Stdlib.get().runtimes().get(c.runtime().word());
    return new Setup(
        c.distro().version(),
        rt.word(),
        rt.criSocket(),
        c.cni().word(),
        c.cni().version(),
        c.master().host(),
        c.workers().stream().map(Node::host).toList());
  }

  private static Step.OnNode onNode(String phase, Node n, String action, List<Cmd> commands) {
    return new Step.OnNode(phase, n.host(), n.role(), action, commands);
  }

  /** The load profile of a phase, as segments the load engine runs back to back. */
  static List<Step.Segment> segments(Phase.LoadPhase p) {
    if (p instanceof Phase.Ramp r)
      return List.of(new Step.Segment("closed", r.from(), r.to(), r.over()));
    if (p instanceof Phase.Rate r)
      return List.of(new Step.Segment("open", r.from(), r.to(), r.over()));
    if (p instanceof Phase.Hold h)
      return List.of(new Step.Segment("closed", h.users(), h.users(), h.over()));
    Phase.Steps s = (Phase.Steps) p;
    return s.levels().stream().map(l -> new Step.Segment("closed", l, l, s.each())).toList();
  }

  private static Step.Load load(Experiment e, Cluster c, Phase.LoadPhase p) {
    List<Step.Segment> segments = segments(p);
    Load load = e.load();
    String target;
    String method = load.method();
    String body = load.body();
    if (load.target() instanceof Target.Url u) {
      target = u.url();
    } else {
      Workload wl = e.workload();
      target = endpoint(wl, c);
      if (method == null && wl instanceof OpenFaas f) method = "POST";
      if (body == null && wl instanceof OpenFaas f && !f.functions().isEmpty())
        body = f.functions().get(0).body();
    }
    if (method == null) method = "GET";
    List<String> headers = load.headers().stream().map(Header::toString).toList();
    return new Step.Load(
        p.word(), target, method, body, load.timeout(), load.think(), headers, segments);
  }

  /** Where a workload answers HTTP. The embedded function's port is chosen when it starts. */
  public static String endpoint(Workload w, Cluster c) {
    if (w instanceof EmbeddedFunction f) return "function:" + f.name();
    if (w instanceof OpenFaas f)
      return "http://" + c.master().host() + ":31112/function/" + f.functions().get(0).name();
    if (w instanceof Deployment d)
      return "http://" + c.master().host() + ":<nodePort of " + d.name() + ">/";
    if (w instanceof Mysql m) return "mysql:" + m.version();
    return "(none)";
  }

  static String describe(Workload w) {
    if (w instanceof OpenFaas f) {
      List<String> fns =
          f.functions().stream().map(fn -> fn.name() + " (" + fn.image() + ")").toList();
      return "OpenFaaS "
          + f.version()
          + " with "
          + describeChart(f.version())
          + " by Helm "
          + f.helm()
          + " (maxReplicas "
          + f.maxReplicas()
          + "), functions "
          + String.join(", ", fns);
    }
    if (w instanceof Deployment d) return describe(d);
    if (w instanceof Mysql m) return "MySQL " + m.version() + " (Deployment + Service)";
    return "kexp's function " + ((EmbeddedFunction) w).name();
  }

  /** The chart a gateway version is installed with: pinned, or the repository's newest. */
  static String describeChart(String gatewayVersion) {
    return OpenFaasCharts.forGateway(gatewayVersion)
        .map(c -> "Helm chart openfaas " + c.chart())
        .orElse(
            "the newest Helm chart openfaas (no verified chart ships gateway "
                + gatewayVersion
                + ")");
  }

  static String describe(Deployment d) {
    return "deployment "
        + d.name()
        + " ("
        + d.image()
        + ", "
        + d.replicas()
        + " replicas, port "
        + d.port()
        + ")";
  }

  static String describe(Cluster c) {
    if (c.local()) return "local (this machine, nothing installed)";
    StringBuilder s = new StringBuilder();
    s.append(c.distro()).append(", runtime ").append(c.runtime()).append(", CNI ").append(c.cni());
    if (!c.hypervisor().word().equals("none")) s.append(", hypervisor ").append(c.hypervisor());
    s.append("; master ").append(c.master().host());
    if (!c.workers().isEmpty())
      s.append(", workers ")
          .append(String.join(" ", c.workers().stream().map(Node::host).toList()));
    if (c.loader() != null) s.append(", loader ").append(c.loader().host());
    s.append("; ssh as ")
        .append(c.ssh().user())
        .append(", port ")
        .append(c.ssh().port())
        .append(", key ")
        .append(c.ssh().key());
    if (c.ssh().passphrase() != null) s.append(" passphrase ").append(c.ssh().passphrase());
    return s.toString();
  }

  static String describe(Breakpoint b) {
    List<String> bounds = new ArrayList<>();
    if (b.errors() != null) bounds.add("errors > " + b.errors());
    if (b.p99() != null) bounds.add("p99 > " + Plans.format(b.p99()));
    return "breakpoint: the first "
        + Plans.format(b.over())
        + " window with "
        + String.join(" or ", bounds)
        + (b.abort() ? " (aborts the phase)" : "");
  }
}
