package dev.kexp.runtime.exec;

import dev.kexp.runtime.cluster.ClusterConnector;
import dev.kexp.runtime.cluster.ClusterSteps;
import dev.kexp.runtime.cluster.Kube;
import dev.kexp.runtime.control.Nodes;
import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.plan.RunPlan;
import dev.kexp.runtime.plan.Step;
import dev.kexp.runtime.results.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A run's link to the Kubernetes API of its cluster: the kubeconfig fetched from the master (in
 * memory only: it holds credentials), the client made from it, and the recorders that start with it
 * (events-k8s.jsonl, and the replica watches the plan registered).
 */
final class ClusterLink {
  /** How long one Kubernetes wait (rollout, drain, namespace gone, function answering) may take. */
  static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(10);

  private final RunPlan run;
  private final Path dir;
  private final Nodes nodes;
  private final ClusterConnector connector;
  private final BiConsumer<Event, String> note;
  private final List<Step.ReplicaWatch> replicaWatches = new ArrayList<>();
  private volatile String kubeconfig;
  private Kube kube;
  private ClusterSteps cluster;
  // The kubeconfig kube was built from, to see when a later fetch brings another.
  private String connectedWith;

  ClusterLink(
      RunPlan run,
      Path dir,
      Nodes nodes,
      ClusterConnector connector,
      BiConsumer<Event, String> note) {
    this.run = run;
    this.dir = dir;
    this.nodes = nodes;
    this.connector = connector;
    this.note = note;
  }

  void kubeconfig(String yaml) {
    this.kubeconfig = yaml;
  }

  String kubeconfig() {
    return kubeconfig;
  }

  boolean hasConnector() {
    return connector != null;
  }

  void watchReplicas(List<Step.ReplicaWatch> watches) throws IOException {
    replicaWatches.addAll(watches);
    if (cluster != null)
      for (Step.ReplicaWatch w : watches) cluster.watchReplicas(w.namespace(), w.name(), w.every());
  }

  /**
   * The connection, made once the kubeconfig is fetched (or on the first Kubernetes step), and made
   * again when a later fetch brings a different kubeconfig (the cluster was installed anew);
   * recording starts with it.
   */
  ClusterSteps cluster() throws IOException {
    if (cluster != null && Objects.equals(connectedWith, kubeconfig)) return cluster;
    disconnect();
    String masterHost = run.nodes().master().host();
    ClusterConnector.Connection conn;
    try {
      conn = connector != null ? connector.connect(run.nodes()) : overSsh();
    } catch (StepNotAvailable e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot reach the Kubernetes API of " + masterHost + ": " + RunContext.describe(e), e);
    }
    kube = Kube.fromKubeconfig(conn.kubeconfig());
    cluster = new ClusterSteps(kube, masterHost, dir, CLUSTER_TIMEOUT, note);
    connectedWith = kubeconfig;
    cluster.startRecording();
    for (Step.ReplicaWatch w : replicaWatches)
      cluster.watchReplicas(w.namespace(), w.name(), w.every());
    return cluster;
  }

  /**
   * The connection through the run's own SSH connections: the kubeconfig fetched from the master
   * earlier in the run, and a copy of it on the master (mode 0600, in the login's home) for Helm.
   */
  private ClusterConnector.Connection overSsh() throws Exception {
    if (kubeconfig == null) {
      throw new StepNotAvailable(
          "Kubernetes steps need the cluster's kubeconfig, fetched from the master after install or"
              + " startMaster: add install (or startMaster) before this phase");
    }
    Remote master = nodes.get(run.nodes().master().host());
    master.upload(kubeconfig.getBytes(StandardCharsets.UTF_8), Step.Helm.KUBECONFIG, 0600);
    return new ClusterConnector.Connection(kubeconfig, master, Step.Helm.KUBECONFIG);
  }

  /** Stops recording and closes the Kubernetes client, if there is one. */
  void disconnect() throws IOException {
    try {
      if (cluster != null) cluster.close();
    } finally {
      cluster = null;
      if (kube != null) kube.close();
      kube = null;
    }
  }
}
