package dev.kexp.dsl.model;

/**
 * {@code hypervisor xen, mode: PV}: a stdlib hypervisor word and its mode (null if it has none).
 */
public record HypervisorSetting(String word, String mode, SourceRef at) {
  public static final HypervisorSetting NONE = new HypervisorSetting("none", null, SourceRef.NONE);

  @Override
  public String toString() {
    return mode == null ? word : word + " " + mode;
  }
}
