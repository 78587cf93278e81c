package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.model.ReportFormat;
import dev.kexp.runtime.results.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {

  @TempDir Path dir;

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  /** Whether {@code file} is one of {@code declared} or inside a declared directory. */
  private static boolean declared(List<String> declared, String file) {
    return declared.stream().anyMatch(d -> d.equals(file) || d.endsWith("/") && file.startsWith(d));
  }

  @Test
  void theRegistryHasExactlyTheReportWordsOfTheLanguage() {
    assertEquals(
        Arrays.stream(ReportFormat.values()).map(ReportFormat::word).toList(),
        ReportWriters.words());
    assertEquals(Set.copyOf(ReportWriters.words()), Report.FORMATS);
  }

  @Test
  void everyFileAFormatWritesIsOneItDeclares() throws Exception {
    for (String word : ReportWriters.words()) {
      Path out = Files.createDirectories(dir.resolve(word));
      ResultsFixture.write(out, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
      // with the formats it needs (png renders latex's SVG files)
      List<String> files = ReportWriters.files(ReportWriters.withNeeds(Set.of(word)));
      for (Path p : Report.write(out, Set.of(word))) {
        assertTrue(declared(files, relative(out, p)), word + " wrote undeclared " + p);
      }
    }
  }

  @Test
  void theHtmlReportListsEveryFileTheOtherFormatsWrote() throws Exception {
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    List<Path> written = Report.write(dir, Report.FORMATS);
    String html = Files.readString(dir.resolve("report.html"));
    String notes = html.substring(html.indexOf("<section class=\"notes\">"));
    Set<String> links = new LinkedHashSet<>();
    Matcher m = Pattern.compile("href=\"([^\"]+)\"").matcher(notes);
    while (m.find()) links.add(m.group(1));
    assertTrue(links.contains("series.csv"), links.toString());
    assertTrue(links.contains("significance.csv"), links.toString());
    for (Path p : written) {
      String file = relative(dir, p);
      if (file.equals("report.html")) continue;
      assertTrue(declared(List.copyOf(links), file), file + " is not listed in " + links);
    }
    for (String link : links) {
      assertTrue(Files.exists(dir.resolve(link)), "the report links to missing " + link);
    }
  }

  @Test
  void theHtmlReportListsOnlyTheFormatsWrittenWithIt() throws Exception {
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("html", "json"));
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("href=\"summary.json\""), html);
    assertFalse(html.contains("href=\"summary.csv\""), html);
    assertFalse(html.contains("href=\"report.tex\""), html);
  }

  @Test
  void reportFilesAreNotCountedAsData() throws Exception {
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    List<Path> written = Report.write(dir, Report.FORMATS);
    Set<String> data = Checksums.of(dir).keySet();
    for (Path p : written) {
      assertFalse(data.contains(relative(dir, p)), relative(dir, p) + " was checksummed as data");
    }
  }

  @Test
  void aRunWritesTheFormatsItAsksForAndAlwaysTheHtmlReport() {
    assertEquals(List.of("html"), List.copyOf(ReportWriters.forRun(List.of())));
    assertEquals(
        List.of("html", "csv", "latex"),
        List.copyOf(ReportWriters.forRun(List.of("latex", "csv"))));
    assertEquals(
        List.of("html", "latex", "png"), List.copyOf(ReportWriters.forRun(List.of("png"))));
  }
}
