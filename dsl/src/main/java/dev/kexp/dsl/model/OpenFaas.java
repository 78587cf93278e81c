package dev.kexp.dsl.model;

import java.util.List;

/**
 * {@code openfaas(version: '0.26.4', maxReplicas: 5, helm: '3.11.0') { function ... }}.
 *
 * @param helm the Helm release that installs it on the master, installed there if another is
 */
public record OpenFaas(
    String version, int maxReplicas, String helm, List<FaasFunction> functions, SourceRef at)
    implements Workload {
  public OpenFaas {
    functions = List.copyOf(functions);
  }

  @Override
  public String word() {
    return "openfaas";
  }
}
