package dev.kexp.runtime.report;

import dev.kexp.dsl.model.ReportFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of report formats: one line per {@link ReportWriter}.
 *
 * <p>The DSL's {@link ReportFormat} is the single list of format words, because the language checks
 * {@code report 'html', ...} and cannot see this module. This registry checks itself against it
 * when the class loads: a format added on one side only fails every use of the registry (and {@code
 * ReportWritersTest}) with a message saying which words differ. Adding a format is therefore a
 * constant in {@code ReportFormat}, one writer class, and one line here.
 */
public final class ReportWriters {

  /** In the order their files are written and listed. */
  static final List<ReportWriter> ALL =
      List.of(
          new HtmlReport(),
          new SummaryCsv(),
          new SummaryJson(),
          new SummaryLatex(),
          new PngFigures());

  /**
   * Formats written only on request, not by {@code kexp report DIR} without {@code -f}: rendering
   * every figure as PNG takes longer than the rest of a paper-sized report.
   */
  static final Set<String> ON_REQUEST = Set.of("png");

  static {
    List<String> dsl = Arrays.stream(ReportFormat.values()).map(ReportFormat::word).toList();
    List<String> here = ALL.stream().map(ReportWriter::word).toList();
    if (!dsl.equals(here)) {
      throw new IllegalStateException(
          "the report writers " + here + " are not the DSL's report formats " + dsl);
    }
  }

  private ReportWriters() {}

  /** Every format's word, in registry order. */
  public static List<String> words() {
    return ALL.stream().map(ReportWriter::word).toList();
  }

  /** What {@code kexp report DIR} writes without {@code -f}: every format not on request. */
  public static List<String> defaults() {
    return words().stream().filter(w -> !ON_REQUEST.contains(w)).toList();
  }

  /** The formats, with those they need ({@link ReportWriter#needs}), in registry order. */
  public static java.util.Set<String> withNeeds(Collection<String> asked) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (ReportWriter w : ALL) {
      if (asked.contains(w.word())) {
        out.add(w.word());
        out.addAll(w.needs());
      }
    }
    java.util.Set<String> ordered = new java.util.LinkedHashSet<>();
    for (ReportWriter w : ALL) if (out.contains(w.word())) ordered.add(w.word());
    return ordered;
  }

  public static boolean known(String word) {
    return find(word).isPresent();
  }

  static Optional<ReportWriter> find(String word) {
    return ALL.stream().filter(w -> w.word().equals(word)).findFirst();
  }

  /**
   * The formats {@code kexp run} writes when the experiment asks for {@code asked}: those, and
   * always the HTML report, in registry order.
   */
  public static java.util.Set<String> forRun(Collection<String> asked) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (ReportWriter w : ALL) {
      if (w instanceof HtmlReport || asked.contains(w.word())) out.add(w.word());
    }
    return withNeeds(out);
  }

  /** The files of the given formats, in registry order. */
  public static List<String> files(Collection<String> words) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (ReportWriter w : ALL) {
      if (words.contains(w.word())) out.addAll(w.files());
    }
    return new ArrayList<>(out);
  }

  /** Every file of every format. */
  public static List<String> files() {
    return files(words());
  }

  /** The words as picocli completion candidates, for {@code ${COMPLETION-CANDIDATES}}. */
  public static final class Words implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return words().iterator();
    }
  }
}
