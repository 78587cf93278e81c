package dev.kexp.dsl.check;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Did-you-mean: the closest known word by edit distance, where a transposition counts once. */
public final class Suggest {
  private Suggest() {}

  public static Optional<String> closest(String word, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = word.length() <= 3 ? 1 : word.length() <= 6 ? 2 : 3;
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** "; did you mean 'ramp'?" or the empty string. */
  public static String didYouMean(String word, Collection<String> known) {
    return closest(word, known).map(s -> "; did you mean '" + s + "'?").orElse("");
  }

  /** Optimal string alignment distance. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
