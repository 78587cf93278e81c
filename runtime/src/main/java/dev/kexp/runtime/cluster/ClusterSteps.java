package dev.kexp.runtime.cluster;

import dev.kexp.dsl.model.Deployment;
import dev.kexp.runtime.results.Event;
import dev.kexp.stdlib.workload.OpenFaasHelm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The cluster side of one run: what the plan's Kubernetes steps do, on one cluster, with the run's
 * recorders (events-k8s.jsonl, replicas.csv) running from the first step to the last.
 */
public final class ClusterSteps implements AutoCloseable {
  private final Kube kube;
  private final String masterHost;
  private final Path runDir;
  private final Duration timeout;
  private final BiConsumer<Event, String> note;
  private EventRecorder events;
  private ReplicaSeries replicas;
  private Gateway gateway;
  private URI gatewayUrl;

  /**
   * @param masterHost the master's address as load generators reach it
   * @param timeout the limit of each wait (rollout, drain, namespace gone)
   * @param note receives (what, detail) lines worth keeping in the run's events, such as the Helm
   *     release installed
   */
  public ClusterSteps(
      Kube kube, String masterHost, Path runDir, Duration timeout, BiConsumer<Event, String> note) {
    this.kube = kube;
    this.masterHost = masterHost;
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

  /** Starts recording Kubernetes events to events-k8s.jsonl (once; later calls do nothing). */
  public void startRecording() throws IOException {
    if (events == null) events = new EventRecorder(kube.client(), runDir);
  }

  /** Records a Deployment's replicas to replicas.csv every {@code every} (null: the default). */
  public void watchReplicas(String namespace, String name, Duration every) throws IOException {
    if (replicas == null) replicas = new ReplicaSeries(kube.client(), runDir);
    replicas.watch(namespace, name, every);
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

  /** Deletes a Deployment of kexp's namespace and its Service; waits until its pods are gone. */
  public void deleteWithService(String deployment, int port) {
    delete(deployment);
    kube.delete(List.of(Manifests.service(deployment, Manifests.NAMESPACE, port, -1)));
  }

  /** {@code delete deployment('nginx')}: waits until its pods are gone too. */
  public void delete(String deployment) {
    kube.deleteDeployment(Manifests.NAMESPACE, deployment, timeout);
  }

  /** {@code drainWorkers}, for one worker. */
  public List<String> drain(String node) {
    return kube.drain(node, timeout);
  }

  /** The OpenFaaS gateway, logged in with the password the chart generated. */
  public Gateway gateway() {
    if (gateway == null) {
      gateway =
          new Gateway(gatewayUrl, OpenFaasHelm.USER, openFaasPassword(), Duration.ofSeconds(1));
    }
    return gateway;
  }

  /** Forgets the gateway's login, once OpenFaaS is removed (a new install has a new password). */
  public void forgetGateway() {
    gateway = null;
  }

  /** The admin password the chart generated, from the {@code basic-auth} Secret. */
  private String openFaasPassword() {
    Secret s =
        kube.client().secrets().inNamespace(OpenFaasHelm.NAMESPACE).withName("basic-auth").get();
    if (s == null || s.getData() == null || !s.getData().containsKey("basic-auth-password")) {
      throw new KubeException(
          "OpenFaaS has no basic-auth secret in namespace "
              + OpenFaasHelm.NAMESPACE
              + " (was it installed with generateBasicAuth=true?)");
    }
    return new String(
            Base64.getDecoder().decode(s.getData().get("basic-auth-password")),
            StandardCharsets.UTF_8)
        .strip();
  }

  /** The master's address, as load generators reach it. */
  public String masterHost() {
    return masterHost;
  }

  /** The limit of each wait (rollout, drain, namespace gone). */
  public Duration timeout() {
    return timeout;
  }

  /** Keeps a (what, detail) line in the run's events, such as the Helm release installed. */
  public void note(Event what, String detail) {
    note.accept(what, detail);
  }

  /** Creates these namespaces (server-side apply: one that exists is kept). */
  public void createNamespaces(List<String> names) {
    kube.apply(names.stream().map(Manifests::namespace).map(HasMetadata.class::cast).toList());
  }

  /** Deletes these namespaces and waits until each is gone. */
  public void deleteNamespaces(List<String> names) {
    kube.delete(names.stream().map(Manifests::namespace).map(HasMetadata.class::cast).toList());
    for (String n : names) kube.awaitNamespaceGone(n, timeout);
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
