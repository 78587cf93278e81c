package dev.kexp.runtime.results;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of line in {@code events.jsonl} (the {@code event} field), with their wire names. The
 * run writes them through {@link EventLog}; the report recognises phases and breakpoints by them.
 * Which other fields each kind carries is listed beside it; their names are in {@link EventsFile}.
 */
public enum Event {
  /** A phase began ({@code phase}, {@code index}). */
  PHASE_START("phase-start"),
  /** A phase ended, also a failed one. */
  PHASE_END("phase-end"),
  /** The run failed: {@code message}. */
  ERROR("error"),
  /** Something the run could live with: {@code message}. */
  WARNING("warning"),
  /**
   * What platform processes each node ran at the start of a run: {@code nodes} (node → process name
   * → count; empty for an idle node).
   */
  IDLE_CHECK("idle-check"),
  /**
   * A node finished its part of a step (installing, joining, leaving): {@code node}, {@code
   * action}, {@code seconds} from the step's first command to its last command's end.
   */
  NODE_STEP("node-step"),
  /** The workload answered: {@code url}. */
  WORKLOAD_READY("workload-ready"),
  /** A node was drained: {@code node}, {@code evicted}. */
  DRAINED("drained"),
  /**
   * A threshold broke: {@code second}, {@code target}, {@code rps}, {@code error_share}, {@code
   * p99_ms}, {@code abort}.
   */
  BREAKPOINT("breakpoint"),
  /** A Prometheus query was saved: {@code query}, {@code series} (how many). */
  PROMETHEUS("prometheus"),
  /** A Prometheus query failed: {@code query}, {@code message}. */
  PROMETHEUS_ERROR("prometheus-error"),
  /** The Helm release that was installed: {@code detail}. */
  HELM_RELEASE("helm-release"),
  /**
   * After a failed step, the file's teardown steps (uninstall, stopMaster) begin: {@code after},
   * the failure's message. Their phases follow as usual.
   */
  TEARDOWN("teardown"),
  /**
   * A load phase had seconds where the generator, not the system, was the limit: {@code seconds}
   * (how many), {@code first}, {@code loaders} and {@code message} (see {@code GeneratorFile}).
   */
  GENERATOR_BOUND("generator-bound"),
  /**
   * A loader's clock against this machine's, measured at the start of a load phase: {@code node},
   * {@code offset_ms} (its clock minus this machine's), {@code rtt_ms}.
   */
  LOADER_CLOCK("loader-clock");

  private final String wire;

  Event(String wire) {
    this.wire = wire;
  }

  /** The name as written in events.jsonl. */
  public String wire() {
    return wire;
  }

  /** The kind a wire name stands for; empty for a name this kexp does not know. */
  public static Optional<Event> ofWire(String wire) {
    return Arrays.stream(values()).filter(e -> e.wire.equals(wire)).findFirst();
  }

  @Override
  public String toString() {
    return wire;
  }
}
