package dev.kexp.runtime.workload;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Deployment;
import dev.kexp.runtime.cluster.ClusterSteps;
import dev.kexp.runtime.plan.LoadTarget;
import dev.kexp.runtime.plan.Step;
import java.util.List;

/**
 * What kexp does with one kind of workload, in the manner of Jepsen's {@code DB} protocol: the
 * steps it plans around the file's phases, how it describes itself, where load reaches it, and, at
 * run time, how it is set up on a cluster and torn down. {@link NoWorkload} does nothing, so no
 * caller asks whether there is a workload.
 */
public interface WorkloadDriver {
  /** How plans and logs name it, e.g. "deployment nginx (nginx:1.14.2, 3 replicas, port 80)". */
  String describe();

  /** Where load goes when it is aimed at the workload; null when it serves no HTTP. */
  LoadTarget endpoint(Cluster c);

  /** The method of load aimed at it, unless the file's {@code load} block names one. */
  default String method() {
    return "GET";
  }

  /** The body of load aimed at it, unless the file's {@code load} block gives one; or null. */
  default String body() {
    return null;
  }

  /**
   * Whether {@code apply deployment(...)} of {@code d} is this workload (a Deployment of the same
   * name), so that load aimed at the workload goes to it.
   */
  default boolean isServedBy(Deployment d) {
    return false;
  }

  /** Steps before the first phase (kexp's own function starts here). */
  default List<Step> prepare() {
    return List.of();
  }

  /** Steps after the last phase, also run after a failure (the function stops here). */
  default List<Step> finish() {
    return List.of();
  }

  /** {@link #prepare()} on cluster {@code c}: a server kexp starts itself on a local cluster. */
  default List<Step> prepare(Cluster c) {
    return prepare();
  }

  /** {@link #finish()} on cluster {@code c}. */
  default List<Step> finish(Cluster c) {
    return finish();
  }

  /**
   * The steps of the {@code deploy} phase.
   *
   * @param exposed whether load is aimed at the workload
   */
  List<Step> setup(String phase, Cluster c, boolean exposed);

  /** The steps that remove it in the {@code uninstall} phase, before the distribution goes. */
  List<Step> teardown(String phase, Cluster c);

  /**
   * Run time, for {@link Step.DeployWorkload}: deploys it and waits until it serves.
   *
   * @return where load goes: a URL, or {@code mysql://host:port} for MySQL
   */
  default String deploy(ClusterSteps cluster, boolean exposed) {
    throw new IllegalStateException(describe() + " is not deployed on a cluster");
  }

  /** Run time, for {@link Step.RemoveWorkload}: removes it and waits until it is gone. */
  default void remove(ClusterSteps cluster) {}
}
