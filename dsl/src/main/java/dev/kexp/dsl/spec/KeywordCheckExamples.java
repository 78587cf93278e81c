package dev.kexp.dsl.spec;

/** Examples quoted in error messages, so every message shows the right way to write it. */
final class KeywordCheckExamples {
  private KeywordCheckExamples() {}

  static String of(String word) {
    return switch (word) {
      case "ramp" -> "ramp 0..100 over 30.s";
      case "rate" -> "rate 0..1000 over 30.s";
      case "hold" -> "hold 50 over 1.min";
      default -> word;
    };
  }
}
