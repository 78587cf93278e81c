package dev.kexp.dsl.model;

import java.util.List;

/** {@code openfaas(version: '0.26.4', maxReplicas: 5) { function ... }}. */
public record OpenFaas(String version, int maxReplicas, List<FaasFunction> functions, SourceRef at)
    implements Workload {
  public OpenFaas {
    functions = List.copyOf(functions);
  }

  @Override
  public String word() {
    return "openfaas";
  }
}
