package dev.kexp.runtime.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The controllers and kubelet the mock API server lacks, small enough to read: for each Deployment
 * it creates, schedules and starts pods, reports the Deployment's status, and deletes the pods of a
 * deleted Deployment (the garbage collector). Images under {@code missing/} never pull, so their
 * pods wait in ImagePullBackOff. Placing a pod writes the scheduler's Scheduled event. Evictions
 * are answered like the API server does, honouring PodDisruptionBudgets (429 when the budget allows
 * no disruption), and recorded. Everything goes through the API, one change at a time on one
 * thread, so the code under test sees what it would see on a cluster: objects changing under
 * watches.
 */
final class SimulatedKubelet implements AutoCloseable {
  // The mock server logs every request at INFO; thousands of lines per test slow the suite down.
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final KubernetesClient client;
  private final KubernetesMockServer server;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private final SharedIndexInformer<Deployment> deployments;
  // The eviction answer is computed on the mock server's own thread, which must not call back
  // into the server; it reads these caches instead.
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<PodDisruptionBudget> budgets;
  private final AtomicInteger podSeq = new AtomicInteger();
  private final List<String> evictions = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger refusals = new AtomicInteger();
  private final long startDelayMs;

  /**
   * @param startDelayMs how long a container takes from scheduled to Ready
   */
  SimulatedKubelet(KubernetesClient client, KubernetesMockServer server, long startDelayMs) {
    this.client = client;
    this.server = server;
    this.startDelayMs = startDelayMs;
    deployments =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment d) {
                    kick();
                  }

                  @Override
                  public void onUpdate(Deployment a, Deployment b) {
                    kick();
                  }

                  @Override
                  public void onDelete(Deployment d, boolean unknown) {
                    kick();
                  }
                },
                0);
    pods = client.pods().inAnyNamespace().inform();
    budgets = client.policy().v1().podDisruptionBudget().inAnyNamespace().inform();
  }

  void addNode(String name) {
    Node n =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .build();
    client.nodes().resource(n).create();
  }

  /** Makes the API server answer evictions of this pod the way a real one does. */
  void handleEvictions(String namespace, String pod) {
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/eviction")
        .andReply(new Eviction(namespace, pod))
        .always();
  }

  /** The pods whose eviction was accepted, as namespace/name, in order. */
  List<String> evictions() {
    synchronized (evictions) {
      return List.copyOf(evictions);
    }
  }

  /** How many evictions a PodDisruptionBudget refused. */
  int refusals() {
    return refusals.get();
  }

  void kick() {
    loop.execute(this::reconcile);
  }

  private void reconcile() {
    try {
      List<Deployment> all = client.apps().deployments().inAnyNamespace().list().getItems();
      for (Deployment d : all) reconcile(d);
      // The garbage collector: pods whose owning Deployment is gone.
      for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
        String owner = owner(p);
        if (owner == null) continue;
        boolean alive =
            all.stream()
                .anyMatch(
                    d ->
                        d.getMetadata().getName().equals(owner)
                            && d.getMetadata()
                                .getNamespace()
                                .equals(p.getMetadata().getNamespace()));
        if (!alive) client.resource(p).delete();
      }
    } catch (RuntimeException e) {
      // The next event reconciles again; a failure here must not kill the loop thread.
      System.err.println("simulated kubelet: " + e);
    }
  }

  private void reconcile(Deployment d) {
    String ns = d.getMetadata().getNamespace();
    String name = d.getMetadata().getName();
    int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    List<Pod> pods =
        client.pods().inNamespace(ns).list().getItems().stream()
            .filter(p -> name.equals(owner(p)))
            .toList();
    for (int i = pods.size(); i < want; i++) createPod(d);
    for (int i = want; i < pods.size(); i++) client.resource(pods.get(i)).delete();
    pods =
        client.pods().inNamespace(ns).list().getItems().stream()
            .filter(p -> name.equals(owner(p)))
            .toList();
    int ready = (int) pods.stream().filter(Kube::isReady).count();
    var status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(pods.size())
            .withUpdatedReplicas(pods.size())
            .withReadyReplicas(ready == 0 ? null : ready)
            .withAvailableReplicas(ready == 0 ? null : ready)
            .build();
    // Writing an unchanged status would wake every watcher, this one included, forever.
    if (!Objects.equals(status, d.getStatus())) {
      client
          .apps()
          .deployments()
          .inNamespace(ns)
          .withName(name)
          .editStatus(
              x -> {
                x.setStatus(status);
                return x;
              });
    }
  }

  private void createPod(Deployment d) {
    var template = d.getSpec().getTemplate();
    String image = template.getSpec().getContainers().get(0).getImage();
    String node = schedule();
    Pod p =
        new PodBuilder()
            .withNewMetadata()
            .withName(d.getMetadata().getName() + "-" + podSeq.incrementAndGet())
            .withNamespace(d.getMetadata().getNamespace())
            .withLabels(template.getMetadata().getLabels())
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withKind("ReplicaSet")
                    .withName(d.getMetadata().getName())
                    .withApiVersion("apps/v1")
                    .withUid(d.getMetadata().getUid())
                    .build())
            .endMetadata()
            .withSpec(template.getSpec())
            .editSpec()
            .withNodeName(node)
            .endSpec()
            .withStatus(new PodStatusBuilder().withPhase("Pending").build())
            .build();
    Pod created = client.resource(p).create();
    if (node == null) return;
    String ns = created.getMetadata().getNamespace();
    String podName = created.getMetadata().getName();
    scheduled(ns, podName, node);
    String container = template.getSpec().getContainers().get(0).getName();
    loop.schedule(
        () -> {
          if (client.pods().inNamespace(ns).withName(podName).get() == null) return;
          client
              .pods()
              .inNamespace(ns)
              .withName(podName)
              .editStatus(x -> start(x, image, container));
          reconcile();
        },
        startDelayMs,
        TimeUnit.MILLISECONDS);
  }

  /** The event the scheduler writes when it places a pod, as a run's event log sees it. */
  private void scheduled(String ns, String pod, String node) {
    String now = java.time.Instant.now().toString();
    client
        .v1()
        .events()
        .inNamespace(ns)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(pod + ".scheduled")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Pod")
                .withNamespace(ns)
                .withName(pod)
                .endInvolvedObject()
                .withReason("Scheduled")
                .withType("Normal")
                .withMessage("Successfully assigned " + ns + "/" + pod + " to " + node)
                .withNewSource()
                .withComponent("default-scheduler")
                .endSource()
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build())
        .create();
  }

  private static Pod start(Pod p, String image, String container) {
    if (image.startsWith("missing/")) {
      p.setStatus(
          new PodStatusBuilder()
              .withPhase("Pending")
              .addToContainerStatuses(
                  new ContainerStatusBuilder()
                      .withName(container)
                      .withImage(image)
                      .withReady(false)
                      .withNewState()
                      .withNewWaiting()
                      .withReason("ImagePullBackOff")
                      .withMessage("Back-off pulling image \"" + image + "\"")
                      .endWaiting()
                      .endState()
                      .build())
              .build());
    } else {
      p.setStatus(
          new PodStatusBuilder()
              .withPhase("Running")
              .addToConditions(
                  new PodConditionBuilder().withType("Ready").withStatus("True").build())
              .addToContainerStatuses(
                  new ContainerStatusBuilder()
                      .withName(container)
                      .withImage(image)
                      .withReady(true)
                      .withNewState()
                      .withNewRunning()
                      .endRunning()
                      .endState()
                      .build())
              .build());
    }
    return p;
  }

  /** The schedulable node with the fewest pods, or null when every node is cordoned. */
  private String schedule() {
    List<Node> nodes =
        client.nodes().list().getItems().stream()
            .filter(n -> !Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
            .toList();
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    return nodes.stream()
        .map(n -> n.getMetadata().getName())
        .min(
            java.util.Comparator.comparingLong(
                n -> pods.stream().filter(p -> n.equals(p.getSpec().getNodeName())).count()))
        .orElse(null);
  }

  private static String owner(Pod p) {
    var refs = p.getMetadata().getOwnerReferences();
    if (refs == null) return null;
    return refs.stream()
        .filter(r -> "ReplicaSet".equals(r.getKind()))
        .map(r -> r.getName())
        .findFirst()
        .orElse(null);
  }

  /** The API server's eviction: refused (429) if a PodDisruptionBudget would be violated. */
  private final class Eviction implements ResponseProvider<Object> {
    private final String namespace;
    private final String pod;
    private int code;
    private Headers headers = Headers.builder().build();

    Eviction(String namespace, String pod) {
      this.namespace = namespace;
      this.pod = pod;
    }

    @Override
    public synchronized int getStatusCode(RecordedRequest request) {
      Pod p = pods.getStore().getByKey(namespace + "/" + pod);
      if (p == null) return code = 404;
      for (PodDisruptionBudget b : budgets.getStore().list()) {
        if (!namespace.equals(b.getMetadata().getNamespace())) continue;
        Map<String, String> sel = b.getSpec().getSelector().getMatchLabels();
        if (!p.getMetadata().getLabels().entrySet().containsAll(sel.entrySet())) continue;
        long healthy =
            pods.getStore().list().stream()
                .filter(x -> namespace.equals(x.getMetadata().getNamespace()))
                .filter(x -> x.getMetadata().getLabels().entrySet().containsAll(sel.entrySet()))
                .filter(x -> !evictions.contains(namespace + "/" + x.getMetadata().getName()))
                .filter(Kube::isReady)
                .count();
        int min = b.getSpec().getMinAvailable().getIntVal();
        if (healthy - 1 < min) {
          refusals.incrementAndGet();
          return code = 429;
        }
      }
      evictions.add(namespace + "/" + pod);
      // The kubelet stops the pod a moment later; its controller then replaces it elsewhere.
      loop.schedule(
          () -> {
            client.pods().inNamespace(namespace).withName(pod).delete();
            reconcile();
          },
          50,
          TimeUnit.MILLISECONDS);
      return code = 201;
    }

    @Override
    public synchronized Object getBody(RecordedRequest request) {
      if (code == 429) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"TooManyRequests\",\"code\":429,"
            + "\"message\":\"Cannot evict pod as it would violate the pod's disruption budget.\"}";
      }
      if (code == 404) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";
      }
      return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\",\"code\":201}";
    }

    @Override
    public Headers getHeaders() {
      return headers;
    }

    @Override
    public void setHeaders(Headers headers) {
      this.headers = headers;
    }
  }

  @Override
  public void close() {
    deployments.close();
    pods.close();
    budgets.close();
    loop.shutdownNow();
  }
}
