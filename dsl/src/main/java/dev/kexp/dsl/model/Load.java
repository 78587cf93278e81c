package dev.kexp.dsl.model;

import java.time.Duration;
import java.util.List;

/**
 * {@code load { ... }}: how requests are made. Without a {@code load} block, load phases target the
 * workload's endpoint with its own method and body.
 */
public record Load(
    Target target,
    String method,
    List<Header> headers,
    String body,
    Duration timeout,
    Duration think,
    SourceRef at) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public Load {
    headers = List.copyOf(headers);
  }

  /** The defaults used when the file has no load block. */
  public static Load defaults() {
    return new Load(
        new Target.OfWorkload(),
        null,
        List.of(),
        null,
        DEFAULT_TIMEOUT,
        Duration.ZERO,
        SourceRef.NONE);
  }
}
