package dev.kexp.runtime.exec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kubeconfig a distribution prints, pointed at the master as kexp reaches it. */
public final class Kubeconfig {
  // Block style as the distributions write it, and also quoted or flow style ({server: '...'}),
  // which YAML tools produce: a server left unrewritten would point kexp at 127.0.0.1. An IPv6
  // address ([::1]) is tried first, or its colons would end the host at "[".
  private static final Pattern SERVER =
      Pattern.compile(
          "(?m)((?:^|[\\s{,])server:\\s*['\"]?https://)(\\[[^]]+]|[^:/\\s'\"}]+)(:\\d+)?");

  private Kubeconfig() {}

  /**
   * Rewrites every {@code server: https://HOST:PORT} to {@code host}, keeping the port: K3s writes
   * 127.0.0.1, MicroK8s and k0s the node's own address, which kexp may not reach.
   */
  public static String pointAt(String yaml, String host) {
    Matcher m = SERVER.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String port = m.group(3) == null ? "" : m.group(3);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + host + port));
    }
    m.appendTail(out);
    return out.toString();
  }
}
