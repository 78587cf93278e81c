package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.results.Results;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes the report files of a kexp results directory into that directory. */
public final class Report {

  /** The format words, from {@link ReportWriters}. */
  public static final Set<String> FORMATS =
      java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(ReportWriters.words()));

  private Report() {}

  /**
   * Loads {@code resultsDir} and writes the files of one or more formats into it.
   *
   * @param formats a subset of {@link #FORMATS}
   * @return the files written, in the registry's order of formats
   * @throws IllegalArgumentException for an unknown format
   */
  public static List<Path> write(Path resultsDir, Set<String> formats) throws IOException {
    return write(resultsDir, formats, ReportOptions.DEFAULTS);
  }

  /** As {@link #write(Path, Set)}, laid out as {@code options} say. */
  public static List<Path> write(Path resultsDir, Set<String> formats, ReportOptions options)
      throws IOException {
    for (String f : formats) {
      if (!ReportWriters.known(f)) {
        throw new IllegalArgumentException(
            "unknown report format '"
                + f
                + "'; known formats: "
                + String.join(", ", ReportWriters.words()));
      }
    }
    if (!Files.isDirectory(resultsDir)) {
      throw new java.nio.file.NoSuchFileException(
          resultsDir.toString(), null, "not a results directory");
    }
    Path kept = resultsDir.resolve(ReportOptions.REFERENCE_FILE);
    if (options.reference() != null
        && !Files.isSameFile(options.reference().toAbsolutePath().getParent(), resultsDir)
        && Files.isRegularFile(options.reference())) {
      // The directory keeps the published values it was compared with, so `kexp report DIR`
      // (and a reader of the directory) has them without the .kexp file's folder.
      Files.copy(options.reference(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      options = new ReportOptions(options.align(), kept);
    }
    ReportData data = Analysis.analyse(Results.load(resultsDir), options);
    Set<String> all = ReportWriters.withNeeds(formats);
    List<Path> written = new ArrayList<>();
    // First the formats that need no other's files, then those that read them (png).
    for (boolean readsOthers : new boolean[] {false, true}) {
      List<ReportWriter> stage =
          ReportWriters.ALL.stream()
              .filter(w -> all.contains(w.word()) && w.needs().isEmpty() != readsOthers)
              .toList();
      written.addAll(writeAll(resultsDir, data, all, stage));
    }
    return written;
  }

  /**
   * The formats write different files from the same immutable data, so they are written in
   * parallel; the listing keeps the registry's order.
   */
  private static List<Path> writeAll(
      Path resultsDir, ReportData data, Set<String> formats, List<ReportWriter> chosen)
      throws IOException {
    List<List<Path>> files;
    try {
      files =
          chosen.parallelStream()
              .map(
                  w -> {
                    try {
                      return w.write(resultsDir, data, formats);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .toList();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    List<Path> written = new ArrayList<>();
    files.forEach(written::addAll);
    return written;
  }

  /**
   * What to tell the user was written: each top-level file, and the figures directory once with its
   * file count, since a matrix of cells writes dozens of figure data files.
   */
  public static List<String> listing(Path resultsDir, List<Path> written) {
    List<String> out = new ArrayList<>();
    Path figures = resultsDir.resolve("figures");
    long inFigures = written.stream().filter(p -> p.startsWith(figures)).count();
    for (Path p : written) {
      if (!p.startsWith(figures)) out.add(p.toString());
    }
    if (inFigures > 0) {
      List<String> kinds = new ArrayList<>();
      for (String[] kind :
          new String[][] {
            {".svg", "SVG images"}, {".png", "PNG images"}, {".csv", "pgfplots data"}
          }) {
        if (written.stream().anyMatch(p -> p.startsWith(figures) && p.toString().endsWith(kind[0])))
          kinds.add(kind[1]);
      }
      out.add(figures + "/ (" + inFigures + " files: " + String.join(", ", kinds) + ")");
    }
    return out;
  }

  /**
   * Writes through a temporary file and a rename, so a reader (a browser refreshing the report of a
   * running experiment) never sees a half-written file.
   */
  static Path writeFile(Path target, String content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    try {
      Files.move(
          tmp,
          target,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
