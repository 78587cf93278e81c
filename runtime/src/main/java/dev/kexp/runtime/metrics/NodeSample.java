package dev.kexp.runtime.metrics;

/**
 * Resource use of one node over the interval between two /proc readings; percentages are 0-100 and
 * rates are bytes per second.
 */
public record NodeSample(
    long epochMillis,
    String node,
    String role,
    double cpuPct,
    double memPct,
    double diskReadBps,
    double diskWriteBps,
    double diskUtilPct,
    double netRxBps,
    double netTxBps) {}
