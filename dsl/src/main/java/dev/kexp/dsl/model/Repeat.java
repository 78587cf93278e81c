package dev.kexp.dsl.model;

import java.time.Duration;

/** {@code repeat 10, pause: 5.min}: repetitions of every matrix cell, with a pause between them. */
public record Repeat(int times, Duration pause, SourceRef at) {
  public static Repeat once() {
    return new Repeat(1, Duration.ZERO, SourceRef.NONE);
  }
}
