package dev.kexp.dsl.model;

import java.time.Duration;

/**
 * {@code load 'http://127.0.0.1:8080/', users: 50, over: 10.s} typed at the REPL's prompt: load on
 * a URL, closed model ({@code users}) or open model ({@code rate}), for a while. The DSL only
 * describes it; the REPL runs it.
 *
 * @param users virtual users, or 0 with a rate
 * @param rate requests per second, or 0 with users
 */
public record Probe(String url, int users, double rate, Duration over, SourceRef at) {}
