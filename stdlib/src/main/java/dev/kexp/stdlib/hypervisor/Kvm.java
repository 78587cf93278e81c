package dev.kexp.stdlib.hypervisor;

import dev.kexp.stdlib.Hypervisor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** KVM (hardware-assisted full virtualisation). */
public final class Kvm implements Hypervisor {
  @Override
  public String word() {
    return "kvm";
  }

  @Override
  public String description() {
    return "KVM (hardware-assisted full virtualisation).";
  }

  @Override
  public List<String> modes() {
    return List.of();
  }

  @Override
  public Optional<String> mismatch(String mode, Map<String, String> found) {
    String virt = found.getOrDefault("virt", "");
    return virt.equals("kvm")
        ? Optional.empty()
        : Optional.of("not a KVM guest (" + Xen.describe(found) + ")");
  }
}
