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

  public String redact(String text) {
    if (text == null) return null;
    String out = text;
    for (String s : secrets) out = out.replace(s, MARK);
    return out;
  }
}
