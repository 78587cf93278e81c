package dev.kexp.runtime.cluster;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.runtime.control.Remote;

/**
 * How a run reaches the Kubernetes API of its cluster: the kubeconfig fetched from the master (with
 * the API server's address as this machine reaches it) and the master's {@link Remote}, where Helm
 * runs. The SSH layer provides it; the interpreter asks once per run, when the first Kubernetes
 * step comes.
 */
public interface ClusterConnector {
  /** What the interpreter needs of one cluster. The Remote stays the connector's to close. */
  record Connection(String kubeconfig, Remote master, String kubeconfigOnMaster) {}

  Connection connect(Cluster cluster) throws Exception;
}
