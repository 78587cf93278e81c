package dev.kexp.dsl.model;

/** A share written {@code 5.percent}; {@link #fraction()} is 0.05. */
public record Percent(double value) {
  public double fraction() {
    return value / 100.0;
  }

  @Override
  public String toString() {
    return (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)) + "%";
  }
}
