package dev.kexp.stdlib.hypervisor;

import dev.kexp.stdlib.Hypervisor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bare metal or unknown: the hypervisor is not checked. */
public final class NoHypervisor implements Hypervisor {
  @Override
  public String word() {
    return "none";
  }

  @Override
  public String description() {
    return "Bare metal or unknown: the hypervisor is not checked.";
  }

  @Override
  public List<String> modes() {
    return List.of();
  }

  @Override
  public Optional<String> mismatch(String mode, Map<String, String> found) {
    return Optional.empty();
  }
}
