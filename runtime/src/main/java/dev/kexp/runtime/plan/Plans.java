package dev.kexp.runtime.plan;

import dev.kexp.dsl.units.Units;
import java.time.Duration;

/** Formatting shared by plan steps. */
public final class Plans {
  private Plans() {}

  public static String format(Duration d) {
    return Units.format(d);
  }

  static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** How plans name a Deployment, as a workload or in {@code apply deployment(...)}. */
  public static String describe(dev.kexp.dsl.model.Deployment d) {
    return "deployment "
        + d.name()
        + " ("
        + d.image()
        + ", "
        + d.replicas()
        + " replicas, port "
        + d.port()
        + ")";
  }

  /**
   * A word for a shell command line: as it is when it holds only safe characters (or is a {@code
   * {{placeholder}}}), else single-quoted.
   */
  public static String shellWord(String s) {
    if (s.matches("[A-Za-z0-9._/:@%+=,{}-]+")) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** A name usable as a directory name. */
  public static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
