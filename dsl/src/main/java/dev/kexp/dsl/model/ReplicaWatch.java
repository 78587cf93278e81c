package dev.kexp.dsl.model;

import java.time.Duration;

/** {@code replicas 'factorial', namespace: 'openfaas-fn', every: 5.s}. */
public record ReplicaWatch(String name, String namespace, Duration every, SourceRef at) {}
