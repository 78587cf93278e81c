package dev.kexp.dsl.model;

/** {@code workload ...}: what the cluster runs and the load or benchmark is aimed at. */
public sealed interface Workload permits OpenFaas, EmbeddedFunction, Deployment, Mysql {
  /** The DSL word that made it. */
  String word();

  SourceRef at();
}
