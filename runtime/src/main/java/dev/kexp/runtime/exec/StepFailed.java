package dev.kexp.runtime.exec;

/** A step that failed on a node: the message names the node, the step and why. */
public final class StepFailed extends Exception {
  public StepFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
