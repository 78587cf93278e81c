package dev.kexp.stdlib.hypervisor;

import dev.kexp.stdlib.Hypervisor;
import java.util.List;

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
}
