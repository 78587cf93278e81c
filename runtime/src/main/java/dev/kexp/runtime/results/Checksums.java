package dev.kexp.runtime.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The provenance facts of a results directory: SHA-256 of each data file, so a shared directory can
 * be checked for edits, and the git commit of the .kexp file, so the exact source can be found.
 */
public final class Checksums {

  /**
   * Report outputs and the manifest itself are rewritten later, so they are not data. The report
   * files are the report writers' (a test checks that every one of them is here).
   */
  private static final Set<String> NOT_DATA =
      Set.of(
          Manifest.FILE,
          "report.html",
          "summary.csv",
          "phases.csv",
          "summary.json",
          "summary.tex",
          "series.csv",
          "significance.csv",
          "figures.tex",
          "significance.tex",
          "report.tex");

  private Checksums() {}

  /** Relative path (with '/') to SHA-256 hex of every data file under {@code root}, sorted. */
  public static Map<String, String> of(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (NOT_DATA.contains(rel) || rel.startsWith("figures/") || rel.endsWith(".tmp")) continue;
        out.put(rel, sha256(f));
      }
    }
    return out;
  }

  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The git commit of {@code file}'s repository, the file's path in it and whether it differs from
   * that commit; null when the file is not in a git work tree or git is not installed.
   */
  public static Map<String, Object> git(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    String commit = git(dir, "rev-parse", "HEAD");
    if (commit == null) return null;
    String path = git(dir, "ls-files", "--full-name", "--", file.getFileName().toString());
    if (path == null || path.isBlank()) {
      // In a repository but not tracked: the commit does not contain this file.
      return Map.of("commit", commit, "tracked", false);
    }
    String status = git(dir, "status", "--porcelain", "--", file.getFileName().toString());
    return Map.of(
        "commit",
        commit,
        "path",
        path,
        "tracked",
        true,
        "dirty",
        status != null && !status.isBlank());
  }

  private static String git(Path dir, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? new String(out).trim() : null;
    } catch (IOException e) {
      return null; // git is not installed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
