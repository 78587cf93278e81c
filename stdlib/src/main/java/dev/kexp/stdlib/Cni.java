package dev.kexp.stdlib;

/** A container network plugin. */
public interface Cni extends Named {
  /** The version installed when the file gives none. */
  String defaultVersion();
}
