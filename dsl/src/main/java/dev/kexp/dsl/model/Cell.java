package dev.kexp.dsl.model;

import java.util.Map;

/**
 * One cell of the matrix: a name, the settings that make it differ (for reports), and the fully
 * resolved cluster it runs on.
 */
public record Cell(String name, Map<String, String> settings, Cluster cluster, SourceRef at) {
  public Cell {
    settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
  }
}
