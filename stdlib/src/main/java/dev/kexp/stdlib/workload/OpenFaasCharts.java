package dev.kexp.stdlib.workload;

import java.util.List;
import java.util.Optional;

/**
 * Which release of the {@code openfaas} Helm chart (repository openfaas/faas-netes, directory
 * chart/openfaas) ships which OpenFaaS gateway. A .kexp names OpenFaaS by its gateway version, as
 * the papers do; Helm installs a chart version. Without the chart version a repetition run a month
 * later installs a newer chart (other defaults, other component versions) under the same gateway,
 * so the run would not be the same experiment.
 *
 * <p>Every row was read, not inferred: {@code version} of chart/openfaas/Chart.yaml and {@code
 * gateway.image} of chart/openfaas/values.yaml at one commit, named in the row. A gateway version
 * that is not here has no verified chart; kexp then warns, and installs the newest chart with the
 * gateway image pinned.
 */
public final class OpenFaasCharts {
  /**
   * One verified pair.
   *
   * @param gateway the OpenFaaS (gateway) version a .kexp names
   * @param chart the {@code openfaas} chart version that ships it
   * @param image the gateway image of that chart's values.yaml
   * @param source the repository and commit both files were read at
   */
  public record Chart(String gateway, String chart, String image, String source) {}

  // Chart 5.3.8 (openfaas/faas-netes 006d9136, gateway openfaas/gateway:0.18.5) was read too and
  // left out: its values.yaml has no generateBasicAuth, so it creates no basic-auth Secret and
  // kexp could not log in to its gateway.
  private static final List<Chart> CHARTS =
      List.of(
          new Chart(
              "0.18.17",
              "5.8.0",
              "openfaas/gateway:0.18.17",
              "openfaas/faas-netes 6176136744897c20bfa1d47700b9eb5b21080258"),
          // The first seed's gateway. Charts 13.0.0 to 14.0.0 all ship it (same faas-netes 0.16.10
          // and queue-worker 0.13.3); 14.0.0 is the newest that names it for good (14.0.1 was
          // re-pointed to gateway 0.26.5 a day after it appeared), so the seeds' files get it.
          new Chart(
              "0.26.4",
              "14.0.0",
              "ghcr.io/openfaas/gateway:0.26.4",
              "openfaas/faas-netes 59b258da (2023-07-06)"),
          // The next two were read in forks of openfaas/faas-netes, not in the repository itself:
          // their chart/openfaas looks unmodified (upstream maintainers, NodePort 31112, ghcr.io
          // images), but it is the fork's copy at the fork's commit.
          new Chart(
              "0.27.13",
              "14.2.134",
              "ghcr.io/openfaas/gateway:0.27.13",
              "raakasf/faas-netes (fork) 5e40ea69278ca3470b5a444281a4b054ee8fa5fc"),
          new Chart(
              "0.27.14",
              "15.0.13",
              "ghcr.io/openfaas/gateway:0.27.14",
              "welteki/faas-netes (fork) 78f930b5d613493c51cdacf46207bf80095ce765"));

  private OpenFaasCharts() {}

  /** The chart that ships this gateway version, if kexp knows one. */
  public static Optional<Chart> forGateway(String gatewayVersion) {
    return CHARTS.stream().filter(c -> c.gateway().equals(gatewayVersion)).findFirst();
  }

  /** Every verified pair, oldest gateway first. */
  public static List<Chart> all() {
    return CHARTS;
  }

  /** The known gateway versions and their charts, for messages: "0.18.17 (chart 5.8.0), ...". */
  public static String known() {
    return String.join(
        ", ", CHARTS.stream().map(c -> c.gateway() + " (chart " + c.chart() + ")").toList());
  }
}
