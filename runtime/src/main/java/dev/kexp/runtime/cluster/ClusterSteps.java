package dev.kexp.runtime.cluster;

import dev.kexp.dsl.model.Deployment;
import dev.kexp.dsl.model.FaasFunction;
import dev.kexp.dsl.model.Mysql;
import dev.kexp.dsl.model.OpenFaas;
import dev.kexp.dsl.model.ReplicaWatch;
import dev.kexp.dsl.model.Workload;
import dev.kexp.runtime.control.Remote;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The cluster side of one run: what the plan's {@code OnCluster} steps do, on one cluster, with the
 * run's recorders (events-k8s.jsonl, replicas.csv) running from the first step to the last.
 */
public final class ClusterSteps implements AutoCloseable {
  private final Kube kube;
  private final Remote master;
  private final String masterHost;
  private final String kubeconfigOnMaster;
  private final Path runDir;
  private final Duration timeout;
  private final BiConsumer<String, String> note;
  private EventRecorder events;
  private ReplicaSeries replicas;
  private Gateway gateway;
  private URI gatewayUrl;

  /**
   * @param master the master node, where Helm runs
   * @param masterHost the master's address as load generators reach it
   * @param kubeconfigOnMaster the kubeconfig's path on the master, for Helm
   * @param timeout the limit of each wait (rollout, drain, namespace gone)
   * @param note receives (what, detail) lines worth keeping in the run's events, such as the Helm
   *     release installed
   */
  public ClusterSteps(
      Kube kube,
      Remote master,
      String masterHost,
      String kubeconfigOnMaster,
      Path runDir,
      Duration timeout,
      BiConsumer<String, String> note) {
    this.kube = kube;
    this.master = master;
    this.masterHost = masterHost;
    this.kubeconfigOnMaster = kubeconfigOnMaster;
    this.runDir = runDir;
    this.timeout = timeout;
    this.note = note;
    this.gatewayUrl = URI.create("http://" + masterHost + ":" + OpenFaasHelm.GATEWAY_NODE_PORT);
  }

  /** For tests and gateways behind a proxy: where the OpenFaaS gateway answers. */
  public ClusterSteps gatewayAt(URI url) {
    this.gatewayUrl = url;
    return this;
  }

  public Kube kube() {
    return kube;
  }

  /** Starts recording Kubernetes events and the replica series the .kexp asks for. */
  public void startRecording(List<ReplicaWatch> watches) throws IOException {
    if (events == null) events = new EventRecorder(kube.client(), runDir);
    if (replicas == null && !watches.isEmpty()) {
      replicas = new ReplicaSeries(kube.client(), runDir);
      for (ReplicaWatch w : watches) replicas.watch(w.namespace(), w.name(), w.every());
    }
  }

  /**
   * Deploys the workload and waits until it serves.
   *
   * @param exposed whether load is aimed at it, so a plain Deployment gets a NodePort Service
   * @return where load goes: a URL, or {@code mysql://host:port} for MySQL
   */
  public String deploy(Workload w, boolean exposed) {
    if (w instanceof OpenFaas f) return deployOpenFaas(f);
    if (w instanceof Deployment d) return apply(d, exposed);
    if (w instanceof Mysql m) {
      kube.apply(Manifests.mysql(m, Manifests.NAMESPACE));
      kube.awaitRollout(Manifests.NAMESPACE, "mysql", timeout);
      return "mysql://" + masterHost + ":" + Manifests.MYSQL_NODE_PORT;
    }
    throw new IllegalArgumentException("not a cluster workload: " + w.word());
  }

  /** Removes the workload and waits until it is gone. */
  public void remove(Workload w) {
    if (w instanceof OpenFaas f) {
      Gateway g = gateway();
      for (FaasFunction fn : f.functions()) g.remove(fn.name(), OpenFaasHelm.FUNCTIONS);
      for (FaasFunction fn : f.functions())
        kube.deleteDeployment(OpenFaasHelm.FUNCTIONS, fn.name(), timeout);
      new OpenFaasHelm(master, kubeconfigOnMaster, timeout).uninstall();
      // The chart does not own the namespaces (Helm would leave them behind): delete and wait,
      // so the next repetition starts from a cluster without OpenFaaS.
      kube.delete(
          List.of(
              Manifests.namespace(OpenFaasHelm.NAMESPACE),
              Manifests.namespace(OpenFaasHelm.FUNCTIONS)));
      kube.awaitNamespaceGone(OpenFaasHelm.FUNCTIONS, timeout);
      kube.awaitNamespaceGone(OpenFaasHelm.NAMESPACE, timeout);
      gateway = null;
    } else if (w instanceof Deployment d) {
      delete(d.name());
      kube.delete(List.of(Manifests.service(d.name(), Manifests.NAMESPACE, d.port(), -1)));
    } else if (w instanceof Mysql) {
      delete("mysql");
      kube.delete(List.of(Manifests.service("mysql", Manifests.NAMESPACE, 3306, -1)));
    }
  }

  /**
   * {@code apply deployment(...)}: creates or updates it and its Service, waits for the rollout.
   *
   * @return the URL it serves at through the master's NodePort, or the in-cluster URL
   */
  public String apply(Deployment d, boolean exposed) {
    kube.apply(Manifests.deployment(d, Manifests.NAMESPACE, exposed));
    kube.awaitRollout(Manifests.NAMESPACE, d.name(), timeout);
    Service s = kube.client().services().inNamespace(Manifests.NAMESPACE).withName(d.name()).get();
    Integer nodePort = s == null ? null : s.getSpec().getPorts().get(0).getNodePort();
    if (exposed && nodePort != null) return "http://" + masterHost + ":" + nodePort + "/";
    return "http://" + d.name() + "." + Manifests.NAMESPACE + ".svc:" + d.port() + "/";
  }

  /** {@code apply manifest('file.yaml')}: every object of the file, waiting for Deployments. */
  public void apply(Path yaml) {
    List<HasMetadata> objects = kube.load(yaml);
    kube.apply(objects);
    for (HasMetadata o : objects) {
      if (o instanceof io.fabric8.kubernetes.api.model.apps.Deployment) {
        // An object without a namespace goes to the kubeconfig context's, as with kubectl.
        String ns = o.getMetadata().getNamespace();
        if (ns == null) ns = kube.client().getNamespace();
        if (ns == null) ns = "default";
        kube.awaitRollout(ns, o.getMetadata().getName(), timeout);
      }
    }
  }

  /** {@code delete manifest('file.yaml')}: every object of the file, in reverse order. */
  public void delete(Path yaml) {
    kube.delete(kube.load(yaml));
  }

  /** {@code delete deployment('nginx')}: waits until its pods are gone too. */
  public void delete(String deployment) {
    kube.deleteDeployment(Manifests.NAMESPACE, deployment, timeout);
  }

  /** {@code drainWorkers}, for one worker. */
  public List<String> drain(String node) {
    return kube.drain(node, timeout);
  }

  private String deployOpenFaas(OpenFaas f) {
    // The chart creates "openfaas" but expects the functions' namespace to exist.
    kube.apply(List.of(Manifests.namespace(OpenFaasHelm.FUNCTIONS)));
    String release =
        new OpenFaasHelm(master, kubeconfigOnMaster, timeout).install(f.version(), f.helm());
    note.accept("helm-release", release.strip());
    kube.awaitRollout(OpenFaasHelm.NAMESPACE, "gateway", timeout);
    Gateway g = gateway();
    for (FaasFunction fn : f.functions()) {
      g.deploy(
          new Gateway.Function(fn.name(), fn.image(), OpenFaasHelm.FUNCTIONS, f.maxReplicas()));
    }
    for (FaasFunction fn : f.functions()) {
      g.awaitAnswer(fn.name(), OpenFaasHelm.FUNCTIONS, fn.body(), timeout);
    }
    return g.invokeUrl(f.functions().get(0).name()).toString();
  }

  private Gateway gateway() {
    if (gateway == null) {
      gateway =
          new Gateway(
              gatewayUrl, OpenFaasHelm.USER, OpenFaasHelm.password(kube), Duration.ofSeconds(1));
    }
    return gateway;
  }

  /** Stops the recorders; the Kubernetes client is the caller's. */
  @Override
  public void close() throws IOException {
    try {
      if (replicas != null) replicas.close();
    } finally {
      if (events != null) events.close();
    }
  }
}
