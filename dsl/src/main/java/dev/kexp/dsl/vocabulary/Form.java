package dev.kexp.dsl.vocabulary;

/** How a keyword is written: with arguments, as a bare word, or both. */
public enum Form {
  /** {@code master 'node0'}, {@code cluster { }}. */
  CALL,
  /** {@code target workload}: a word that names something and takes nothing. */
  BARE,
  /** {@code install}, or {@code addWorkers parallel: true}. */
  CALL_OR_BARE;

  public boolean callable() {
    return this != BARE;
  }

  public boolean bare() {
    return this != CALL;
  }
}
