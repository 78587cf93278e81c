package dev.kexp.stdlib;

/** A container runtime for the kubelet: docker (through cri-dockerd) or containerd. */
public interface ContainerRuntime extends Named {}
