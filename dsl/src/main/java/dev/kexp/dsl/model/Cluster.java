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
    SourceRef at,
    List<Node> loaders) {

  /**
   * {@code loader} is the first of {@code loaders} ({@code loaders 'a', 'b'}), kept for what needs
   * only one; either may be given and the other follows.
   */
  public Cluster {
    workers = List.copyOf(workers);
    loaders =
        loaders == null || loaders.isEmpty()
            ? (loader == null ? List.of() : List.of(loader))
            : List.copyOf(loaders);
    if (loader == null && !loaders.isEmpty()) loader = loaders.get(0);
  }

  /** A cluster with at most one loader. */
  public Cluster(
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
    this(local, master, workers, loader, ssh, hypervisor, runtime, distro, cni, at, List.of());
  }

  /**
   * Only loaders, no master: load from them against a service that already runs ({@code load {
   * target 'http://...' }}); nothing is installed.
   */
  public boolean loadOnly() {
    return !local && master == null && workers.isEmpty() && !loaders.isEmpty();
  }

  /** Every node, master first, then workers, then the loaders. */
  public List<Node> nodes() {
    List<Node> all = new ArrayList<>();
    if (master != null) all.add(master);
    all.addAll(workers);
    all.addAll(loaders);
    return List.copyOf(all);
  }
}
