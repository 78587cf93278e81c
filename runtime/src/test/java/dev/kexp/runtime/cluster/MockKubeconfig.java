package dev.kexp.runtime.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A kubeconfig that points at the fabric8 mock API server a test runs. */
final class MockKubeconfig {
  private MockKubeconfig() {}

  static String of(KubernetesClient client) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: '%s', insecure-skip-tls-verify: true}
        users:
        - name: kexp
          user: {token: test}
        contexts:
        - name: mock
          context: {cluster: mock, user: kexp}
        current-context: mock
        """
        .formatted(client.getMasterUrl());
  }
}
