package dev.kexp.runtime.cluster;

/**
 * A Kubernetes operation that did not finish: a rollout or a drain that timed out, a manifest the
 * API server refused. The message names what did not happen and why, in one line, for the run log
 * and events.jsonl.
 */
public final class KubeException extends RuntimeException {
  public KubeException(String message) {
    super(message);
  }

  public KubeException(String message, Throwable cause) {
    super(message, cause);
  }
}
