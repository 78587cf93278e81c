package dev.kexp.dsl.check;

import java.util.Collection;
import java.util.Optional;

/**
 * The wording of the messages that name a value the language does not know, so the static check and
 * the delegates say the same thing the same way.
 */
public final class Messages {
  private Messages() {}

  /** {@code unknown distro 'k3'; did you mean 'k3s'? (distros are kubeadm, k3s, ...)}. */
  public static String unknown(String kind, String word, Collection<String> known) {
    return "unknown "
        + kind
        + " '"
        + word
        + "'"
        + Suggest.didYouMean(word, known)
        + " ("
        + kind
        + "s are "
        + String.join(", ", known)
        + ")";
  }

  /**
   * {@code 'docker' is a container runtime, not a distro (distros are ...)}, or {@link #unknown}.
   */
  public static String unknownOrWrongKind(
      String kind, String word, Collection<String> known, Optional<String> actualKind) {
    if (actualKind.isEmpty()) return unknown(kind, word, known);
    return "'"
        + word
        + "' is a "
        + actualKind.get()
        + ", not a "
        + kind
        + " ("
        + kind
        + "s are "
        + String.join(", ", known)
        + ")";
  }

  /** {@code matrix key 'distros' is not a setting; did you mean 'distro'? (settings are ...)}. */
  public static String notASetting(String key, Collection<String> settings) {
    return "matrix key '"
        + key
        + "' is not a setting"
        + Suggest.didYouMean(key, settings)
        + " (settings are "
        + String.join(", ", settings)
        + ")";
  }
}
