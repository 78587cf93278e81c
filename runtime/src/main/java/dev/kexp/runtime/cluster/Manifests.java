package dev.kexp.runtime.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of kexp's own workloads, built from the model: a plain Deployment with its
 * Service, and MySQL for sysbench. Everything is labelled {@code app=<name>} and {@code
 * app.kubernetes.io/managed-by=kexp}, so a cluster shows what kexp created.
 */
public final class Manifests {
  /** The namespace kexp's own workloads go to. */
  public static final String NAMESPACE = "kexp";

  /** The NodePort MySQL is exposed on, so sysbench on the loader reaches it through any node. */
  public static final int MYSQL_NODE_PORT = 30306;

  /**
   * sysbench's defaults: database sbtest, user root; the password is a test bench's, not a secret.
   */
  public static final String MYSQL_PASSWORD = "kexp";

  private Manifests() {}

  public static Namespace namespace(String name) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app.kubernetes.io/managed-by", "kexp")
        .endMetadata()
        .build();
  }

  /**
   * A Deployment and its Service for {@code deployment('nginx', image: ..., replicas: 3)}.
   *
   * @param nodePort whether load is aimed at it from outside, so the Service is a NodePort
   */
  public static List<HasMetadata> deployment(
      dev.kexp.dsl.model.Deployment d, String namespace, boolean nodePort) {
    List<HasMetadata> out = new ArrayList<>();
    out.add(namespace(namespace));
    out.add(deployment(d.name(), namespace, d.image(), d.replicas(), d.port(), Map.of()));
    out.add(service(d.name(), namespace, d.port(), nodePort ? 0 : -1));
    return out;
  }

  /** MySQL at a version, with the sbtest database sysbench expects, and a NodePort Service. */
  public static List<HasMetadata> mysql(dev.kexp.dsl.model.Mysql m, String namespace) {
    Deployment d =
        new DeploymentBuilder(
                deployment(
                    "mysql",
                    namespace,
                    "mysql:" + m.version(),
                    1,
                    3306,
                    Map.of("MYSQL_ROOT_PASSWORD", MYSQL_PASSWORD, "MYSQL_DATABASE", "sbtest")))
            .editSpec()
            .editTemplate()
            .editSpec()
            .editFirstContainer()
            // Ready only when MySQL accepts connections, not when the process starts: the
            // first start initialises the data directory and restarts the server.
            .withNewReadinessProbe()
            .withNewExec()
            .withCommand("sh", "-c", "mysqladmin ping -h 127.0.0.1 -p\"$MYSQL_ROOT_PASSWORD\"")
            .endExec()
            .withInitialDelaySeconds(5)
            .withPeriodSeconds(2)
            .endReadinessProbe()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    return List.of(namespace(namespace), d, service("mysql", namespace, 3306, MYSQL_NODE_PORT));
  }

  static Deployment deployment(
      String name,
      String namespace,
      String image,
      int replicas,
      int port,
      Map<String, String> env) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels(labels(name))
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels(labels(name))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(name)
        .withImage(image)
        .addNewPort()
        .withContainerPort(port)
        .endPort()
        .addAllToEnv(
            env.entrySet().stream()
                .map(
                    e ->
                        new io.fabric8.kubernetes.api.model.EnvVarBuilder()
                            .withName(e.getKey())
                            .withValue(e.getValue())
                            .build())
                .toList())
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * @param nodePort -1 for a ClusterIP Service, 0 for a NodePort the API server picks, or the port
   */
  public static Service service(String name, String namespace, int port, int nodePort) {
    ServiceBuilder b =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(labels(name))
            .endMetadata()
            .withNewSpec()
            .withType(nodePort >= 0 ? "NodePort" : "ClusterIP")
            .addToSelector("app", name)
            .addNewPort()
            .withName("main")
            .withPort(port)
            .withTargetPort(new IntOrString(port))
            .withNodePort(nodePort > 0 ? nodePort : null)
            .endPort()
            .endSpec();
    return b.build();
  }

  private static Map<String, String> labels(String name) {
    return Map.of("app", name, "app.kubernetes.io/managed-by", "kexp");
  }
}
