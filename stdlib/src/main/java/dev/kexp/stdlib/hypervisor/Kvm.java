package dev.kexp.stdlib.hypervisor;

import dev.kexp.stdlib.Hypervisor;
import java.util.List;

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
}
