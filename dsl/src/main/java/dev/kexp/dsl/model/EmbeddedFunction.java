package dev.kexp.dsl.model;

/**
 * {@code function('factorial', arg: 500)}: an HTTP function kexp serves itself on a free loopback
 * port, computing factorial(arg) per request like the first seed's OpenFaaS function.
 */
public record EmbeddedFunction(String name, int arg, SourceRef at) implements Workload {
  @Override
  public String word() {
    return "function";
  }

  @Override
  public boolean servedByKexp() {
    return true;
  }
}
