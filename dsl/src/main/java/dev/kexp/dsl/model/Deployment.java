package dev.kexp.dsl.model;

/** {@code deployment('nginx', image: 'nginx:1.14.2', replicas: 3)}. */
public record Deployment(String name, String image, int replicas, int port, SourceRef at)
    implements Workload {
  @Override
  public String word() {
    return "deployment";
  }
}
