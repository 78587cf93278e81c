package dev.kexp.runtime.plan;

import dev.kexp.stdlib.Cmd;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts recorded about every node before a run: what a reader of the results must know. */
final class NodeFactsCommands {
  private NodeFactsCommands() {}

  static final Map<String, Cmd> SYSTEM;

  static {
    Map<String, Cmd> m = new LinkedHashMap<>();
    Duration t = Duration.ofSeconds(30);
    m.put("kernel", Cmd.user("uname -sr").within(t));
    m.put("os", Cmd.user(". /etc/os-release && echo \"$PRETTY_NAME\"").within(t));
    m.put("cpu model", Cmd.user("grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2-").within(t));
    m.put("cpus", Cmd.user("nproc").within(t));
    m.put(
        "memory",
        Cmd.user("grep '^MemTotal:' /proc/meminfo | tr -s ' ' | cut -d' ' -f2-").within(t));
    SYSTEM = java.util.Collections.unmodifiableMap(m);
  }
}
