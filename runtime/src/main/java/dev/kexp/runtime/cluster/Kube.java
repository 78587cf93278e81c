package dev.kexp.runtime.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Every Kubernetes operation kexp performs, in one place: apply and delete, waits with diagnoses,
 * cordon and drain. It holds one fabric8 client built from the kubeconfig fetched from the master.
 * Nothing here knows about tests: the same code runs against the mock server and a real cluster.
 */
public final class Kube implements AutoCloseable {
  /** The field manager named in server-side apply, so {@code kubectl} shows who owns a field. */
  static final String FIELD_MANAGER = "kexp";

  private final KubernetesClient client;
  private final Duration pollEvery;
  // Whether the API server took our last server-side apply; an API server that answers 415
  // (Unsupported Media Type) never will, so later applies go straight to create-or-update.
  private volatile boolean serverSideApply = true;
  // Evictions go through a client that does not retry by itself: the client's own back-off treats
  // a PodDisruptionBudget's 429 like an overloaded server and sleeps up to minutes per call, while
  // drain must retry each refused eviction on its own schedule and stop at its own deadline.
  private KubernetesClient evictions;

  public Kube(KubernetesClient client) {
    this(client, Duration.ofSeconds(1));
  }

  /**
   * @param pollEvery how often a refused eviction is retried and a drained pod checked
   */
  public Kube(KubernetesClient client, Duration pollEvery) {
    this.client = client;
    this.pollEvery = pollEvery;
  }

  /** A client for the cluster a kubeconfig (the YAML text itself, not its path) describes. */
  public static Kube fromKubeconfig(String kubeconfig) {
    Config config = Config.fromKubeconfig(kubeconfig);
    return new Kube(new KubernetesClientBuilder().withConfig(config).build());
  }

  /**
   * Why the API server of a kubeconfig does not answer within the time given, or null when it does.
   * One request, without the client's own retries: those back off for minutes when nothing listens,
   * which a caller that can go on without the cluster should not wait for.
   */
  public static String unreachable(String kubeconfig, Duration within) {
    Config config = Config.fromKubeconfig(kubeconfig);
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout((int) within.toMillis());
    config.setRequestTimeout((int) within.toMillis());
    try (KubernetesClient c = new KubernetesClientBuilder().withConfig(config).build()) {
      c.getKubernetesVersion();
      return null;
    } catch (KubernetesClientException e) {
      Throwable root = e;
      while (root.getCause() != null) root = root.getCause();
      String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      return config.getMasterUrl() + ": " + why;
    }
  }

  public KubernetesClient client() {
    return client;
  }

  /** The objects of a YAML file, one or several documents separated by {@code ---}. */
  public List<HasMetadata> load(Path yaml) {
    try (InputStream in = Files.newInputStream(yaml)) {
      return client.load(in).items();
    } catch (IOException e) {
      throw new KubeException("cannot read manifest " + yaml + ": " + e.getMessage(), e);
    } catch (KubernetesClientException e) {
      throw new KubeException("manifest " + yaml + " is not valid: " + e.getMessage(), e);
    }
  }

  /**
   * Creates or updates each object, in order: server-side apply where the API server supports it
   * (so a re-run after a change converges like {@code kubectl apply --server-side}), otherwise
   * create-or-update.
   */
  public List<HasMetadata> apply(List<? extends HasMetadata> objects) {
    List<HasMetadata> applied = new ArrayList<>();
    for (HasMetadata o : objects) applied.add(apply(o));
    return applied;
  }

  public HasMetadata apply(HasMetadata o) {
    // A resourceVersion taken from a file or an earlier read would make the update conditional.
    o.getMetadata().setResourceVersion(null);
    if (serverSideApply) {
      try {
        return client.resource(o).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 415) {
          serverSideApply = false;
        } else if (e.getCode() != 404) {
          throw refused("apply", o, e);
        }
        // 404 here comes from servers that apply only to existing objects; creating it is the
        // same end state. A missing namespace fails again below, with the server's message.
      }
    }
    try {
      return client.resource(o).createOr(NonDeletingOperation::update);
    } catch (KubernetesClientException e) {
      throw refused("apply", o, e);
    }
  }

  /** Deletes each object, in reverse order (a Service before its Namespace); absent is fine. */
  public void delete(List<? extends HasMetadata> objects) {
    for (int i = objects.size() - 1; i >= 0; i--) {
      HasMetadata o = objects.get(i);
      try {
        client.resource(o).delete();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) throw refused("delete", o, e);
      }
    }
  }

  /** Deletes a Deployment and waits until it and every pod it selected are gone. */
  public void deleteDeployment(String namespace, String name, Duration timeout) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (d == null) return;
    Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
    client.resource(d).delete();
    boolean gone =
        await(
            timeout,
            () ->
                client.apps().deployments().inNamespace(namespace).withName(name).get() == null
                    && client
                        .pods()
                        .inNamespace(namespace)
                        .withLabels(selector)
                        .list()
                        .getItems()
                        .isEmpty());
    if (!gone) {
      List<String> left =
          client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
              .map(Kube::describePod)
              .toList();
      throw new KubeException(
          "deployment "
              + namespace
              + "/"
              + name
              + " was deleted but not gone after "
              + seconds(timeout)
              + (left.isEmpty() ? "" : "; pods left: " + String.join("; ", left)));
    }
  }

  /** Waits until a namespace no longer exists (its finalizers have run). */
  public void awaitNamespaceGone(String namespace, Duration timeout) {
    if (!await(timeout, () -> client.namespaces().withName(namespace).get() == null)) {
      var ns = client.namespaces().withName(namespace).get();
      String phase =
          ns == null || ns.getStatus() == null || ns.getStatus().getPhase() == null
              ? "still listed"
              : ns.getStatus().getPhase();
      throw new KubeException(
          "namespace "
              + namespace
              + " still exists after "
              + seconds(timeout)
              + " ("
              + phase
              + ")");
    }
  }

  /**
   * Waits until a Deployment's rollout is complete: the controller saw the latest spec and every
   * replica is updated, ready and available. On timeout, the error names each pod that is not ready
   * and why (phase, container waiting reason such as ImagePullBackOff).
   */
  public Deployment awaitRollout(String namespace, String name, Duration timeout) {
    var resource = client.apps().deployments().inNamespace(namespace).withName(name);
    if (await(timeout, () -> rolledOut(resource.get()))) return resource.get();
    Deployment d = resource.get();
    if (d == null) {
      throw new KubeException(
          "deployment "
              + namespace
              + "/"
              + name
              + " does not exist (waited "
              + seconds(timeout)
              + ")");
    }
    int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    DeploymentStatus s = d.getStatus();
    int ready = s == null || s.getReadyReplicas() == null ? 0 : s.getReadyReplicas();
    throw new KubeException(
        "deployment "
            + namespace
            + "/"
            + name
            + " not rolled out after "
            + seconds(timeout)
            + ": "
            + ready
            + "/"
            + want
            + " replicas ready"
            + notReady(namespace, d.getSpec().getSelector().getMatchLabels()));
  }

  /** Waits until at least {@code count} pods with these labels are Ready. */
  public void awaitPodsReady(
      String namespace, Map<String, String> labels, int count, Duration timeout) {
    boolean ready =
        await(
            timeout,
            () ->
                client.pods().inNamespace(namespace).withLabels(labels).list().getItems().stream()
                        .filter(Kube::isReady)
                        .count()
                    >= count);
    if (!ready) {
      throw new KubeException(
          "pods "
              + labels
              + " in "
              + namespace
              + " not ready after "
              + seconds(timeout)
              + " (want "
              + count
              + ")"
              + notReady(namespace, labels));
    }
  }

  /**
   * Checks a condition every {@code pollEvery} until it holds or the time is up. Waits poll rather
   * than watch: a watch opened after a list can miss a change made in between on API servers that
   * do not replay from the list's resourceVersion, and a wait must never hang on a missed event.
   */
  private boolean await(Duration timeout, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) return true;
      if (System.nanoTime() >= deadline) return false;
      try {
        Thread.sleep(Math.min(pollEvery.toMillis(), left(deadline)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubeException("interrupted while waiting");
      }
    }
  }

  /** Marks a node unschedulable: new pods go elsewhere, running ones stay. */
  public void cordon(String node) {
    schedulable(node, false);
  }

  /** Makes a cordoned node schedulable again. */
  public void uncordon(String node) {
    schedulable(node, true);
  }

  private void schedulable(String node, boolean schedulable) {
    Node n = client.nodes().withName(node).get();
    if (n == null) throw new KubeException("node " + node + " is not part of the cluster");
    client
        .nodes()
        .withName(node)
        .edit(
            x -> {
              x.getSpec().setUnschedulable(schedulable ? null : true);
              return x;
            });
  }

  /**
   * Cordons a node and evicts its pods through the Eviction API, like {@code kubectl drain
   * --ignore-daemonsets}: DaemonSet and static (mirror) pods stay, an eviction a
   * PodDisruptionBudget refuses (HTTP 429) is retried until the budget allows it, and the drain
   * ends when every evicted pod is gone from the node.
   *
   * @return the pods evicted, as namespace/name
   */
  public List<String> drain(String node, Duration timeout) {
    cordon(node);
    long deadline = System.nanoTime() + timeout.toNanos();
    // Field selectors on spec.nodeName are a server feature some API servers (and the mock)
    // ignore, so the pods are filtered here as well.
    List<Pod> pods =
        client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems().stream()
            .filter(p -> node.equals(p.getSpec().getNodeName()))
            .toList();
    if (pods.isEmpty()) {
      pods =
          client.pods().inAnyNamespace().list().getItems().stream()
              .filter(p -> node.equals(p.getSpec().getNodeName()))
              .toList();
    }
    Map<String, Pod> pending = new LinkedHashMap<>();
    for (Pod p : pods) {
      if (ownedByDaemonSet(p) || isMirror(p)) continue;
      pending.put(key(p), p);
    }
    List<String> evicted = new ArrayList<>();
    Map<String, String> refused = new LinkedHashMap<>();
    while (!pending.isEmpty()) {
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        Pod p = e.getValue();
        boolean ok;
        try {
          ok = evictions().pods().inNamespace(ns(p)).withName(name(p)).evict();
        } catch (KubernetesClientException ex) {
          if (ex.getCode() == 404) ok = true; // already gone
          else
            throw new KubeException("evicting " + e.getKey() + " failed: " + ex.getMessage(), ex);
        }
        if (ok) {
          evicted.add(e.getKey());
          refused.remove(e.getKey());
          it.remove();
        } else {
          refused.put(e.getKey(), "eviction refused by a PodDisruptionBudget (429)");
        }
      }
      if (pending.isEmpty()) break;
      if (System.nanoTime() > deadline) {
        throw new KubeException(
            "drain of node "
                + node
                + " timed out after "
                + seconds(timeout)
                + "; not evicted: "
                + refused.entrySet().stream()
                    .map(x -> x.getKey() + " (" + x.getValue() + ")")
                    .collect(Collectors.joining(", ")));
      }
      pause();
    }
    // An accepted eviction starts graceful termination; the node is drained once the pods are gone
    // (or replaced by pods of the same name elsewhere, as StatefulSets do).
    Map<String, String> uids = new LinkedHashMap<>();
    for (Pod p : pods) if (evicted.contains(key(p))) uids.put(key(p), p.getMetadata().getUid());
    while (true) {
      uids.entrySet()
          .removeIf(
              x -> {
                String[] nn = x.getKey().split("/", 2);
                Pod now = client.pods().inNamespace(nn[0]).withName(nn[1]).get();
                return now == null
                    || !Objects.equals(now.getMetadata().getUid(), x.getValue())
                    || !node.equals(now.getSpec().getNodeName());
              });
      if (uids.isEmpty()) return evicted;
      if (System.nanoTime() > deadline) {
        throw new KubeException(
            "drain of node "
                + node
                + " timed out after "
                + seconds(timeout)
                + "; evicted but still terminating: "
                + String.join(", ", uids.keySet()));
      }
      pause();
    }
  }

  private synchronized KubernetesClient evictions() {
    if (evictions == null) {
      Config once =
          new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
              .withRequestRetryBackoffLimit(0)
              .build();
      evictions = new KubernetesClientBuilder().withConfig(once).build();
    }
    return evictions;
  }

  static boolean rolledOut(Deployment d) {
    if (d == null || d.getStatus() == null) return false;
    DeploymentStatus s = d.getStatus();
    int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    long observed = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
    return observed >= generation
        && orZero(s.getUpdatedReplicas()) >= want
        && orZero(s.getReadyReplicas()) >= want
        && orZero(s.getAvailableReplicas()) >= want
        // Old pods of the previous ReplicaSet still running mean the rollout is not over.
        && orZero(s.getReplicas()) <= want;
  }

  /** Ready the way the kubelet says it: the pod's Ready condition is True. */
  public static boolean isReady(Pod p) {
    if (p.getStatus() == null || p.getStatus().getConditions() == null) return false;
    for (PodCondition c : p.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) return "True".equals(c.getStatus());
    }
    return false;
  }

  /** "name: Pending, container app waiting: ImagePullBackOff (message)". */
  static String describePod(Pod p) {
    StringBuilder s = new StringBuilder(name(p));
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    s.append(": ").append(phase == null ? "no status yet" : phase);
    if (p.getSpec() != null && p.getSpec().getNodeName() == null) s.append(", not scheduled");
    if (p.getStatus() != null) {
      List<ContainerStatus> cs = new ArrayList<>();
      if (p.getStatus().getInitContainerStatuses() != null)
        cs.addAll(p.getStatus().getInitContainerStatuses());
      if (p.getStatus().getContainerStatuses() != null)
        cs.addAll(p.getStatus().getContainerStatuses());
      for (ContainerStatus c : cs) {
        var state = c.getState();
        if (state == null) continue;
        if (state.getWaiting() != null) {
          s.append(", container ")
              .append(c.getName())
              .append(" waiting: ")
              .append(state.getWaiting().getReason());
          if (state.getWaiting().getMessage() != null)
            s.append(" (").append(state.getWaiting().getMessage()).append(")");
        } else if (state.getTerminated() != null) {
          s.append(", container ")
              .append(c.getName())
              .append(" terminated: ")
              .append(state.getTerminated().getReason())
              .append(" exit ")
              .append(state.getTerminated().getExitCode());
        } else if (state.getRunning() != null && !Boolean.TRUE.equals(c.getReady())) {
          s.append(", container ").append(c.getName()).append(" running, not ready");
        }
      }
      if (p.getStatus().getConditions() != null) {
        for (PodCondition c : p.getStatus().getConditions()) {
          if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
            s.append(", unschedulable: ").append(c.getMessage());
        }
      }
    }
    return s.toString();
  }

  private String notReady(String namespace, Map<String, String> labels) {
    List<String> lines =
        client.pods().inNamespace(namespace).withLabels(labels).list().getItems().stream()
            .filter(p -> !isReady(p))
            .map(Kube::describePod)
            .toList();
    if (lines.isEmpty()) return "; no pod is waiting (none created yet?)";
    return "; not ready: " + String.join("; ", lines);
  }

  private static boolean ownedByDaemonSet(Pod p) {
    List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> "DaemonSet".equals(o.getKind()));
  }

  private static boolean isMirror(Pod p) {
    Map<String, String> a = p.getMetadata().getAnnotations();
    return a != null && a.containsKey("kubernetes.io/config.mirror");
  }

  private static KubeException refused(String verb, HasMetadata o, KubernetesClientException e) {
    String what =
        o.getKind()
            + " "
            + (o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace() + "/")
            + o.getMetadata().getName();
    String why =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    return new KubeException(verb + " " + what + " refused (" + e.getCode() + "): " + why, e);
  }

  private void pause() {
    try {
      Thread.sleep(pollEvery.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeException("interrupted");
    }
  }

  private static long left(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }

  private static String key(Pod p) {
    return ns(p) + "/" + name(p);
  }

  private static String ns(Pod p) {
    return p.getMetadata().getNamespace();
  }

  private static String name(Pod p) {
    return p.getMetadata().getName();
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public void close() {
    synchronized (this) {
      if (evictions != null) evictions.close();
    }
    client.close();
  }
}
