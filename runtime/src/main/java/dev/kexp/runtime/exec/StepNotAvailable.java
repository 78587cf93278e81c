package dev.kexp.runtime.exec;

/**
 * A planned step this build of kexp cannot carry out yet (Kubernetes operations, benchmarks on
 * nodes). The run stops there, marked failed, with everything measured so far kept.
 */
public final class StepNotAvailable extends RuntimeException {
  public StepNotAvailable(String message) {
    super(message);
  }
}
