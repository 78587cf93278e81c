package dev.kexp.dsl.model;

/**
 * {@code manifest('nginx.yaml')}: a YAML file of Kubernetes objects, its path relative to the .kexp
 * file, so an experiment and its manifests are shared together.
 */
public record Manifest(String path, SourceRef at) {}
