package dev.kexp.runtime.workload;

import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Mysql;
import dev.kexp.runtime.cluster.ClusterSteps;
import dev.kexp.runtime.cluster.Manifests;
import dev.kexp.runtime.plan.LoadTarget;
import dev.kexp.runtime.plan.Step;
import java.util.List;

/**
 * {@code mysql(version: '8.0')}: a MySQL Deployment and its NodePort Service, sysbench's target.
 */
final class MysqlDriver implements WorkloadDriver {
  private final Mysql m;

  MysqlDriver(Mysql m) {
    this.m = m;
  }

  public String describe() {
    return "MySQL " + m.version() + " (Deployment + Service)";
  }

  /** MySQL serves no HTTP: load phases need a URL of their own. */
  public LoadTarget endpoint(Cluster c) {
    return null;
  }

  /** On {@code cluster { local }}, kexp starts a MySQL-compatible server itself. */
  public List<Step> prepare(Cluster c) {
    return c.local() ? List.of(new Step.StartMysql("prepare", m.version())) : List.of();
  }

  public List<Step> finish(Cluster c) {
    return c.local() ? List.of(new Step.StopMysql("finish")) : List.of();
  }

  public List<Step> setup(String phase, Cluster c, boolean exposed) {
    return List.of(new Step.DeployWorkload(phase, m, exposed, "deploy " + describe()));
  }

  public List<Step> teardown(String phase, Cluster c) {
    return List.of(new Step.RemoveWorkload(phase, m, "remove " + describe()));
  }

  public String deploy(ClusterSteps cluster, boolean exposed) {
    cluster.kube().apply(Manifests.mysql(m, Manifests.NAMESPACE));
    cluster.kube().awaitRollout(Manifests.NAMESPACE, "mysql", cluster.timeout());
    return "mysql://" + cluster.masterHost() + ":" + Manifests.MYSQL_NODE_PORT;
  }

  public void remove(ClusterSteps cluster) {
    cluster.deleteWithService("mysql", 3306);
  }
}
