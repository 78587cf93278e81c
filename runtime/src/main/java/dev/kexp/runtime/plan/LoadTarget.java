package dev.kexp.runtime.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a load step sends its requests, as the plan knows it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
public sealed interface LoadTarget {
  /** How the plan prints it. */
  @JsonProperty("description")
  String describe();

  /** kexp's own function, served on a loopback port chosen when it starts. */
  record Function(String name) implements LoadTarget {
    public String describe() {
      return "function " + name + " (kexp's, on loopback)";
    }
  }

  /** A URL the file names ({@code load { target 'http://...' }}). */
  record Url(String url) implements LoadTarget {
    public String describe() {
      return url;
    }
  }

  /**
   * The workload's endpoint on the cluster. {@code planned} is what the plan can know (a NodePort
   * the API server has not chosen yet is a placeholder); the deploy step finds the real URL, and
   * load goes there.
   */
  record Endpoint(String workload, String planned) implements LoadTarget {
    public String describe() {
      return planned;
    }
  }
}
