package dev.kexp.runtime.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
  @TempDir Path tmp;

  @Test
  void dataFilesAreHashedAndReportOutputsAreNot() throws Exception {
    Files.createDirectories(tmp.resolve("runs/a/rep-01"));
    Files.writeString(tmp.resolve("runs/a/rep-01/load.csv"), "abc");
    Files.writeString(tmp.resolve("manifest.json"), "{}");
    Files.writeString(tmp.resolve("report.html"), "<html>");
    Map<String, String> sums = Checksums.of(tmp);
    // SHA-256("abc"), the FIPS 180-2 test vector
    assertEquals(
        Map.of(
            "runs/a/rep-01/load.csv",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        sums);
  }

  @Test
  void gitCommitOfATrackedFileAndNothingOutsideARepository() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    assertNull(Checksums.git(repo.resolve("x.kexp")), "not in a repository");
    assumeTrue(run(repo, "git", "init", "-q"), "git is not installed");
    Path file = repo.resolve("x.kexp");
    Files.writeString(file, "experiment 'x' { }\n");
    assertTrue(run(repo, "git", "add", "x.kexp"));
    assertTrue(
        run(
            repo,
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@localhost",
            "commit",
            "-qm",
            "x"));
    Map<String, Object> git = Checksums.git(file);
    assertEquals(40, String.valueOf(git.get("commit")).length(), git.toString());
    assertEquals("x.kexp", git.get("path"));
    assertEquals(false, git.get("dirty"));
    Files.writeString(file, "experiment 'y' { }\n");
    assertTrue((Boolean) Checksums.git(file).get("dirty"));
    Path untracked = repo.resolve("u.kexp");
    Files.writeString(untracked, "");
    assertFalse((Boolean) Checksums.git(untracked).get("tracked"));
  }

  private static boolean run(Path dir, String... command) throws Exception {
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
