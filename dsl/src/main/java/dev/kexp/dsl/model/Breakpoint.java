package dev.kexp.dsl.model;

import java.time.Duration;

/**
 * {@code breakpoint errors: 5.percent, over: 10.s}: the first window of {@code over} in which the
 * error share exceeds {@code errors} or the p99 latency exceeds {@code p99}. Either bound may be
 * null. With {@code abort}, the load phase stops there.
 */
public record Breakpoint(
    Percent errors, Duration p99, Duration over, boolean abort, SourceRef at) {}
