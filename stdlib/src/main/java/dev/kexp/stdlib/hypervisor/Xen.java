package dev.kexp.stdlib.hypervisor;

import dev.kexp.stdlib.Hypervisor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Xen; guests run paravirtualised (PV), fully virtualised (HVM) or PVH. */
public final class Xen implements Hypervisor {
  @Override
  public String word() {
    return "xen";
  }

  @Override
  public String description() {
    return "Xen; guests run paravirtualised (PV), fully virtualised (HVM) or PVH.";
  }

  @Override
  public List<String> modes() {
    return List.of("PV", "HVM", "PVH");
  }

  // Xen guests expose /sys/hypervisor/type ("xen") and, on kernels since 4.10,
  // /sys/hypervisor/guest_type ("PV", "HVM" or "PVH"); systemd-detect-virt says "xen" too.
  @Override
  public Optional<String> mismatch(String mode, Map<String, String> found) {
    String type = found.getOrDefault("type", "");
    String virt = found.getOrDefault("virt", "");
    if (!type.equals("xen") && !virt.equals("xen")) {
      return Optional.of("not a Xen guest (" + describe(found) + ")");
    }
    String guest = found.getOrDefault("guest_type", "");
    if (mode != null && !guest.equalsIgnoreCase(mode)) {
      return Optional.of(
          "a Xen "
              + (guest.isEmpty() ? "guest of unknown mode" : guest + " guest")
              + ", not "
              + mode
              + " ("
              + describe(found)
              + ")");
    }
    return Optional.empty();
  }

  static String describe(Map<String, String> found) {
    StringBuilder s = new StringBuilder();
    found.forEach(
        (k, v) ->
            s.append(s.length() == 0 ? "" : ", ")
                .append(k)
                .append('=')
                .append(v.isEmpty() ? "(none)" : v));
    return s.toString();
  }
}
