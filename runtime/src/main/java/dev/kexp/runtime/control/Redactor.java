package dev.kexp.runtime.control;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces every known secret in a text with {@code <redacted>}. Secrets are added as they become
 * known (a passphrase when a connection opens, a join token the moment its line is read), so one
 * redactor is shared by every log of a run.
 */
public final class Redactor {
  public static final String MARK = "<redacted>";

  private final List<String> secrets = new CopyOnWriteArrayList<>();

  /** Secrets shorter than this are not redacted: replacing "1" everywhere would hide everything. */
  private static final int SHORTEST = 4;

  public void add(String secret) {
    if (secret == null || secret.length() < SHORTEST || secrets.contains(secret)) return;
    secrets.add(secret);
    // Longest first, so a secret that contains another is replaced whole.
    secrets.sort(Comparator.comparingInt(String::length).reversed());
  }

  private final List<java.util.regex.Pattern> patterns = new CopyOnWriteArrayList<>();

  /**
   * Redacts every match of {@code regex} too (group 1 if it has one, else the whole match): for
   * secrets a tool prints before kexp could capture them, such as the token in kubeadm init's join
   * line.
   */
  public void addPattern(String regex) {
    patterns.add(java.util.regex.Pattern.compile(regex));
  }

  public String redact(String text) {
    if (text == null) return null;
    String out = text;
    for (String s : secrets) out = out.replace(s, MARK);
    for (java.util.regex.Pattern p : patterns) {
      java.util.regex.Matcher m = p.matcher(out);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        int g = m.groupCount() >= 1 && m.group(1) != null ? 1 : 0;
        String whole = m.group();
        String replaced =
            whole.substring(0, m.start(g) - m.start())
                + MARK
                + whole.substring(m.end(g) - m.start());
        m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(replaced));
      }
      m.appendTail(b);
      out = b.toString();
    }
    return out;
  }
}
