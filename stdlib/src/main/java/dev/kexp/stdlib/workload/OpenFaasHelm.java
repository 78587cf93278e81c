package dev.kexp.stdlib.workload;

import dev.kexp.stdlib.Cmd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Helm commands that install and remove OpenFaaS (Community Edition) on the master, the way the
 * chart's README does: the {@code openfaas} chart into namespace {@code openfaas}, functions in
 * {@code openfaas-fn}, a generated basic-auth password, and the gateway on NodePort 31112. The
 * .kexp's version is the gateway's (the papers name OpenFaaS by it, e.g. 0.26.4): the chart is
 * pinned to the release that ships that gateway ({@link OpenFaasCharts}), and the gateway image to
 * that version in any case, so a gateway without a known chart still runs the version the file
 * names. Pure: these are plan data, run on the master like every distribution's commands.
 */
public final class OpenFaasHelm {
  public static final String NAMESPACE = "openfaas";
  public static final String FUNCTIONS = "openfaas-fn";
  public static final String RELEASE = "openfaas";
  public static final String REPOSITORY = "https://openfaas.github.io/faas-netes/";
  public static final int GATEWAY_NODE_PORT = 31112;
  public static final String USER = "admin";

  /** Helm's own install script; it downloads a release and checks its SHA-256 sum. */
  public static final String GET_HELM =
      "https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3";

  private OpenFaasHelm() {}

  /** The gateway image of a version: the one its chart names, or the ghcr.io image of the tag. */
  public static String gatewayImage(String gatewayVersion) {
    return OpenFaasCharts.forGateway(gatewayVersion)
        .map(OpenFaasCharts.Chart::image)
        .orElse("ghcr.io/openfaas/gateway:" + gatewayVersion);
  }

  /**
   * The install commands, in order; the last prints what was installed (release, chart and app
   * version) for the run's record.
   *
   * @param kubeconfig the kubeconfig's path on the master, or null for Helm's default
   * @param helmRelease the Helm release to install with, e.g. 3.11.0: kept if the master has it,
   *     installed by Helm's script if not; null to use whatever helm the master has
   * @param timeout how long Helm waits for the release's Deployments
   */
  public static List<Cmd> install(
      String kubeconfig, String gatewayVersion, String helmRelease, Duration timeout) {
    String chartVersion =
        OpenFaasCharts.forGateway(gatewayVersion).map(OpenFaasCharts.Chart::chart).orElse(null);
    List<Cmd> out = new ArrayList<>();
    if (helmRelease != null) out.add(ensureHelm(helmRelease, timeout));
    out.add(
        helm(kubeconfig, timeout, "repo add openfaas " + quote(REPOSITORY) + " --force-update"));
    out.add(helm(kubeconfig, timeout, "repo update openfaas"));
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
    out.add(helm(kubeconfig, timeout, s.toString()));
    out.add(helm(kubeconfig, timeout, "list --namespace " + NAMESPACE + " --output json"));
    return out;
  }

  /**
   * The uninstall command; the namespaces are the caller's to delete (the chart does not own them).
   */
  public static List<Cmd> uninstall(String kubeconfig, Duration timeout) {
    return List.of(
        helm(
            kubeconfig,
            timeout,
            "uninstall "
                + RELEASE
                + " --namespace "
                + NAMESPACE
                + " --ignore-not-found --wait --timeout "
                + timeout.toSeconds()
                + "s"));
  }

  /**
   * Helm at {@code release} on the master, checked by {@code helm version} before anything else.
   */
  private static Cmd ensureHelm(String release, Duration timeout) {
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
    return Cmd.root(line).within(timeout.plusMinutes(1));
  }

  private static Cmd helm(String kubeconfig, Duration timeout, String args) {
    String line = "helm " + args;
    if (kubeconfig != null) line += " --kubeconfig " + quote(kubeconfig);
    // The kubeconfig of most distributions (k3s.yaml, admin.conf) is readable by root only, so
    // Helm runs as root, with root's repository cache, for every command alike.
    return Cmd.root(line).within(timeout.plusMinutes(1));
  }

  /** POSIX single quotes: the shell on the master passes the value through unchanged. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }
}
