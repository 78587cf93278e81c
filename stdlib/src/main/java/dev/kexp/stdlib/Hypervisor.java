package dev.kexp.stdlib;

import java.util.List;

/** The virtualisation the nodes run under; checked on the nodes, never changed by kexp. */
public interface Hypervisor extends Named {
  /**
   * The modes this hypervisor has ({@code PV}, {@code HVM}, {@code PVH} for Xen); empty if none.
   */
  List<String> modes();
}
