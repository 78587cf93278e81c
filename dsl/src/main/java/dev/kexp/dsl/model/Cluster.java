package dev.kexp.dsl.model;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code cluster { ... }}: the nodes and what runs on them. A {@code local} cluster is this machine
 * alone, with nothing installed: then distro, runtime and cni are null.
 *
 * <p>A cluster of plain nodes may have no distribution either (a benchmark on the nodes themselves,
 * such as IOzone on Xen guests): then {@code distro} is null, {@code runtime} and {@code cni} are
 * null unless the file names them, and no phase of the file needs Kubernetes (the validator checks
 * it).
 */
public record Cluster(
    boolean local,
    Node master,
    List<Node> workers,
    Node loader,
    SshLogin ssh,
    HypervisorSetting hypervisor,
    RuntimeSetting runtime,
    DistroSetting distro,
    CniSetting cni,
    SourceRef at) {

  public Cluster {
    workers = List.copyOf(workers);
  }

  /** Every node, master first, then workers, then the loader. */
  public List<Node> nodes() {
    List<Node> all = new ArrayList<>();
    if (master != null) all.add(master);
    all.addAll(workers);
    if (loader != null) all.add(loader);
    return List.copyOf(all);
  }
}
