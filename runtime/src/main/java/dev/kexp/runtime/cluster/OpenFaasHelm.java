package dev.kexp.runtime.cluster;

import dev.kexp.runtime.control.Remote;
import dev.kexp.runtime.control.Remote.Command;
import dev.kexp.stdlib.workload.OpenFaasCharts;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Installs and removes OpenFaaS (Community Edition) with Helm on the master, over its {@link
 * Remote}, the way the chart's README does: the {@code openfaas} chart into namespace {@code
 * openfaas}, functions in {@code openfaas-fn}, a generated basic-auth password, and the gateway on
 * NodePort 31112. The .kexp's version is the gateway's (the papers name OpenFaaS by it, e.g.
 * 0.26.4): the chart is pinned to the release that ships that gateway ({@link OpenFaasCharts}), and
 * the gateway image to that version in any case, so a gateway without a known chart still runs the
 * version the file names.
 */
public final class OpenFaasHelm {
  public static final String NAMESPACE = "openfaas";
  public static final String FUNCTIONS = "openfaas-fn";
  public static final String RELEASE = "openfaas";
  public static final String REPOSITORY = "https://openfaas.github.io/faas-netes/";
  public static final int GATEWAY_NODE_PORT = 31112;
  public static final String USER = "admin";

  private final Remote master;
  private final String kubeconfig;
  private final Duration timeout;

  /**
   * @param kubeconfig the kubeconfig's path on the master (it differs by distribution, e.g.
   *     /etc/rancher/k3s/k3s.yaml for K3s), or null for Helm's default
   */
  public OpenFaasHelm(Remote master, String kubeconfig, Duration timeout) {
    this.master = master;
    this.kubeconfig = kubeconfig;
    this.timeout = timeout;
  }

  /** The gateway image of a version: the one its chart names, or the ghcr.io image of the tag. */
  static String gatewayImage(String gatewayVersion) {
    return OpenFaasCharts.forGateway(gatewayVersion)
        .map(OpenFaasCharts.Chart::image)
        .orElse("ghcr.io/openfaas/gateway:" + gatewayVersion);
  }

  /** Helm's own install script; it downloads a release and checks its SHA-256 sum. */
  static final String GET_HELM =
      "https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3";

  /**
   * The install commands, in order.
   *
   * @param helmRelease the Helm release to install with, e.g. 3.11.0: kept if the master has it,
   *     installed by Helm's script if not; null to use whatever helm the master has
   */
  public List<Command> installCommands(String gatewayVersion, String helmRelease) {
    String chartVersion =
        OpenFaasCharts.forGateway(gatewayVersion).map(OpenFaasCharts.Chart::chart).orElse(null);
    List<Command> out = new ArrayList<>();
    if (helmRelease != null) out.add(ensureHelm(helmRelease));
    out.add(helm("repo add openfaas " + quote(REPOSITORY) + " --force-update"));
    out.add(helm("repo update openfaas"));
    StringBuilder s =
        new StringBuilder("upgrade " + RELEASE + " openfaas/openfaas --install")
            .append(" --namespace ")
            .append(NAMESPACE)
            .append(" --create-namespace");
    if (chartVersion != null) s.append(" --version ").append(quote(chartVersion));
    s.append(" --set functionNamespace=").append(FUNCTIONS);
    s.append(" --set generateBasicAuth=true");
    s.append(" --set gateway.nodePort=").append(GATEWAY_NODE_PORT);
    s.append(" --set ").append(quote("gateway.image=" + gatewayImage(gatewayVersion)));
    // --wait returns when the gateway, provider and Prometheus Deployments are ready, so a
    // failure shows here with Helm's own message rather than later as a refused connection.
    s.append(" --wait --timeout ").append(timeout.toSeconds()).append("s");
    out.add(helm(s.toString()));
    // What was installed, chart and app version, for the run's record.
    out.add(helm("list --namespace " + NAMESPACE + " --output json"));
    return out;
  }

  public List<Command> uninstallCommands() {
    return List.of(
        helm(
            "uninstall "
                + RELEASE
                + " --namespace "
                + NAMESPACE
                + " --ignore-not-found --wait --timeout "
                + timeout.toSeconds()
                + "s"));
  }

  /**
   * Runs the install commands; the first that fails ends the install with its output.
   *
   * @return what {@code helm list} printed: the release, chart and app versions
   */
  public String install(String gatewayVersion, String helmRelease) {
    String last = "";
    for (Command c : installCommands(gatewayVersion, helmRelease)) last = run(c);
    return last;
  }

  /**
   * Helm at {@code release} on the master, checked by {@code helm version} before anything else.
   */
  private Command ensureHelm(String release) {
    String v = "v" + release;
    String line =
        "if helm version --short 2>/dev/null | grep -q "
            + quote("^" + v + "+")
            + "; then echo "
            + quote("helm " + v + " is installed")
            + "; else curl -fsSL "
            + quote(GET_HELM)
            + " | DESIRED_VERSION="
            + quote(v)
            + " bash; fi";
    return new Command(line, true, timeout.plusMinutes(1));
  }

  public void uninstall() {
    for (Command c : uninstallCommands()) run(c);
  }

  /** The admin password the chart generated, from the {@code basic-auth} Secret. */
  public static String password(Kube kube) {
    Secret s = kube.client().secrets().inNamespace(NAMESPACE).withName("basic-auth").get();
    if (s == null || s.getData() == null || !s.getData().containsKey("basic-auth-password")) {
      throw new KubeException(
          "OpenFaaS has no basic-auth secret in namespace "
              + NAMESPACE
              + " (was it installed with generateBasicAuth=true?)");
    }
    return new String(
            Base64.getDecoder().decode(s.getData().get("basic-auth-password")),
            StandardCharsets.UTF_8)
        .strip();
  }

  private String run(Command c) {
    Remote.CommandResult r;
    try {
      r = master.run(c);
    } catch (Remote.RemoteException e) {
      throw new KubeException("helm on " + master.node() + ": " + e.getMessage(), e);
    }
    if (!r.ok()) {
      String why = r.stderr().isBlank() ? r.stdout() : r.stderr();
      throw new KubeException(
          "helm on "
              + master.node()
              + " failed (exit "
              + r.exit()
              + "): "
              + why.strip()
              + " [command: "
              + c.line()
              + "]");
    }
    return r.stdout();
  }

  private Command helm(String args) {
    String line = "helm " + args;
    if (kubeconfig != null) line += " --kubeconfig " + quote(kubeconfig);
    // The kubeconfig of most distributions (k3s.yaml, admin.conf) is readable by root only, so
    // Helm runs as root, with root's repository cache, for every command alike.
    return new Command(line, true, timeout.plusMinutes(1));
  }

  /** POSIX single quotes: the shell on the master passes the value through unchanged. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }
}
