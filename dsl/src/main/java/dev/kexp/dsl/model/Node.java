package dev.kexp.dsl.model;

/** One machine of the cluster, by host name or address. */
public record Node(String host, Role role, SourceRef at) {}
