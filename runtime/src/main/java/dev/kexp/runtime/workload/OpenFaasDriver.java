package dev.kexp.runtime.workload;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.FaasFunction;
import dev.kexp.dsl.model.OpenFaas;
import dev.kexp.runtime.cluster.ClusterSteps;
import dev.kexp.runtime.cluster.Gateway;
import dev.kexp.runtime.plan.LoadTarget;
import dev.kexp.runtime.plan.Step;
import dev.kexp.stdlib.workload.OpenFaasCharts;
import dev.kexp.stdlib.workload.OpenFaasHelm;
import java.time.Duration;
import java.util.List;

/**
 * {@code openfaas(version: '0.26.4', ...) { function ... }}: Helm installs the chart on the master
 * (planned commands, like a distribution's), then kexp deploys the functions through the gateway's
 * REST API and waits until each answers; removal goes the other way.
 */
final class OpenFaasDriver implements WorkloadDriver {
  /** How long Helm waits for the release's Deployments (and for its uninstall). */
  static final Duration HELM_WAIT = Duration.ofMinutes(10);

  private final OpenFaas f;

  OpenFaasDriver(OpenFaas f) {
    this.f = f;
  }

  public String describe() {
    return "OpenFaaS "
        + f.version()
        + " with "
        + chart()
        + " by Helm "
        + f.helm()
        + " (maxReplicas "
        + f.maxReplicas()
        + "), functions "
        + functions();
  }

  private String functions() {
    return String.join(
        ", ", f.functions().stream().map(fn -> fn.name() + " (" + fn.image() + ")").toList());
  }

  /** The chart a gateway version is installed with: pinned, or the repository's newest. */
  private String chart() {
    return OpenFaasCharts.forGateway(f.version())
        .map(c -> "Helm chart openfaas " + c.chart())
        .orElse(
            "the newest Helm chart openfaas (no verified chart ships gateway " + f.version() + ")");
  }

  public LoadTarget endpoint(Cluster c) {
    return new LoadTarget.Endpoint(
        f.word(),
        "http://"
            + c.master().host()
            + ":"
            + OpenFaasHelm.GATEWAY_NODE_PORT
            + "/function/"
            + f.functions().get(0).name());
  }

  /** Functions take JSON or text by POST, as the first seed's factorial did. */
  public String method() {
    return "POST";
  }

  public String body() {
    return f.functions().isEmpty() ? null : f.functions().get(0).body();
  }

  public List<Step> setup(String phase, Cluster c, boolean exposed) {
    String helm = f.helm() == null ? "the master's Helm" : "Helm " + f.helm();
    return List.of(
        new Step.Helm(
            phase,
            c.master().host(),
            "install OpenFaaS " + f.version() + " with " + chart() + " by " + helm,
            OpenFaasHelm.install(Step.Helm.KUBECONFIG, f.version(), f.helm(), HELM_WAIT),
            // The chart creates "openfaas" but expects the functions' namespace to exist.
            List.of(OpenFaasHelm.FUNCTIONS),
            List.of()),
        new Step.DeployWorkload(
            phase,
            f,
            exposed,
            "deploy the functions "
                + functions()
                + " through the gateway (maxReplicas "
                + f.maxReplicas()
                + ") and wait until each answers"));
  }

  public List<Step> teardown(String phase, Cluster c) {
    return List.of(
        new Step.RemoveWorkload(
            phase,
            f,
            "remove the functions "
                + String.join(", ", f.functions().stream().map(FaasFunction::name).toList())
                + " and wait until their Deployments are gone"),
        new Step.Helm(
            phase,
            c.master().host(),
            "uninstall OpenFaaS with Helm",
            OpenFaasHelm.uninstall(Step.Helm.KUBECONFIG, HELM_WAIT),
            List.of(),
            // The chart does not own the namespaces (Helm would leave them behind), so the next
            // repetition starts from a cluster without OpenFaaS only once they are gone.
            List.of(OpenFaasHelm.NAMESPACE, OpenFaasHelm.FUNCTIONS)));
  }

  public String deploy(ClusterSteps cluster, boolean exposed) {
    cluster.kube().awaitRollout(OpenFaasHelm.NAMESPACE, "gateway", cluster.timeout());
    Gateway g = cluster.gateway();
    for (FaasFunction fn : f.functions()) {
      g.deploy(
          new Gateway.Function(fn.name(), fn.image(), OpenFaasHelm.FUNCTIONS, f.maxReplicas()));
    }
    for (FaasFunction fn : f.functions()) {
      g.awaitAnswer(fn.name(), OpenFaasHelm.FUNCTIONS, fn.body(), cluster.timeout());
    }
    return g.invokeUrl(f.functions().get(0).name()).toString();
  }

  public void remove(ClusterSteps cluster) {
    Gateway g = cluster.gateway();
    for (FaasFunction fn : f.functions()) g.remove(fn.name(), OpenFaasHelm.FUNCTIONS);
    for (FaasFunction fn : f.functions())
      cluster.kube().deleteDeployment(OpenFaasHelm.FUNCTIONS, fn.name(), cluster.timeout());
    cluster.forgetGateway();
  }
}
