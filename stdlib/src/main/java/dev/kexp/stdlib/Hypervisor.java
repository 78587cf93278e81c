package dev.kexp.stdlib;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The virtualisation the nodes run under; checked on the nodes, never changed by kexp. */
public interface Hypervisor extends Named {
  /**
   * The modes this hypervisor has ({@code PV}, {@code HVM}, {@code PVH} for Xen); empty if none.
   */
  List<String> modes();

  /**
   * Reads what the node really is, without root: the Xen sysfs files and systemd's guess. Prints
   * {@code key=value} lines, an empty value when a source is missing.
   */
  static Cmd probe() {
    return Cmd.user(
            "for f in type guest_type; do printf '%s=' \"$f\"; cat /sys/hypervisor/$f 2>/dev/null"
                + " || echo; done; printf 'virt='; systemd-detect-virt 2>/dev/null || echo")
        .within(Duration.ofSeconds(30));
  }

  /** The {@link #probe()} output as a map: {@code type}, {@code guest_type}, {@code virt}. */
  static Map<String, String> parse(String output) {
    Map<String, String> found = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) found.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    return found;
  }

  /**
   * Why the node does not match {@code hypervisor word, mode: mode}, or empty if it does.
   *
   * @param mode the declared mode, or null
   * @param found what {@link #parse} read on the node
   */
  Optional<String> mismatch(String mode, Map<String, String> found);
}
