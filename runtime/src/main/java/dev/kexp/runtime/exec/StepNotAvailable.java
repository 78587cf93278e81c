package dev.kexp.runtime.exec;

/**
 * A planned step that cannot be carried out in this run because something it needs is missing (a
 * Kubernetes step before any kubeconfig was fetched). The run stops there, marked failed, with
 * everything measured so far kept. Phases this build cannot run at all are refused when planned.
 */
public final class StepNotAvailable extends RuntimeException {
  public StepNotAvailable(String message) {
    super(message);
  }
}
