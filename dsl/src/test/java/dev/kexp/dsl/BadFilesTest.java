package dev.kexp.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kexp.dsl.check.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in kexp/bad is loaded and its problems compared, line for line, with the exact text in
 * the .expected file beside it ({@code file:line:col: message}). Run with -Dkexp.bless=true to
 * rewrite the .expected files after a deliberate change of wording, then review the diff.
 */
class BadFilesTest {
  static final Path DIR = Path.of("src/test/resources/kexp/bad");

  @TestFactory
  Stream<DynamicTest> everyBadFileReportsExactlyItsExpectedProblems() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".kexp")).sorted().toList();
    }
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) throws IOException {
    String name = file.getFileName().toString();
    Kexp.Loaded loaded = Kexp.parse(Files.readString(file), name);
    String actual =
        loaded.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")) + "\n";
    Path expectedFile = file.resolveSibling(name.replace(".kexp", ".expected"));
    if (Boolean.getBoolean("kexp.bless")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expectedFile), actual, name);
    assertNull(loaded.experiment(), name + " must not yield an experiment");
  }
}
