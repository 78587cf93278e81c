package dev.kexp.dsl.model;

/** {@code workload ...}: what the cluster runs and the load or benchmark is aimed at. */
public sealed interface Workload permits OpenFaas, EmbeddedFunction, Deployment, Mysql {
  /** The DSL word that made it. */
  String word();

  SourceRef at();

  /** Whether load phases can be aimed at it (it answers HTTP). */
  default boolean servesHttp() {
    return true;
  }

  /** Whether kexp serves it itself on the loader, rather than deploying it on the cluster. */
  default boolean servedByKexp() {
    return false;
  }

  /** Whether sysbench's MySQL tests can run against it. */
  default boolean speaksMysql() {
    return false;
  }
}
