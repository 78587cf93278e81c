package dev.kexp.runtime.results;

import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.PlanPrinter;
import dev.kexp.runtime.plan.RunPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One directory per {@code kexp run}: the .kexp as given, the plan that ran, the manifest, and a
 * directory per run. Everything is written as it happens.
 */
public final class ResultsDir {
  private final Path root;
  private final Manifest manifest;

  private ResultsDir(Path root, Manifest manifest) {
    this.root = root;
    this.manifest = manifest;
  }

  /** The default place: results/NAME-yyyyMMdd-HHmmss beside the working directory. */
  public static Path defaultFor(String experiment) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("results", experiment.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + stamp);
  }

  public static ResultsDir create(Path root, Path kexpFile, Plan plan, String kexpVersion)
      throws IOException {
    Files.createDirectories(root);
    if (Files.exists(root.resolve(Manifest.FILE))) {
      throw new IOException(root + " already holds results; choose another directory with -o");
    }
    Files.copy(kexpFile, root.resolve("experiment.kexp"));
    Files.writeString(root.resolve("plan.txt"), PlanPrinter.text(plan), StandardCharsets.UTF_8);
    Files.writeString(root.resolve("plan.json"), PlanPrinter.json(plan), StandardCharsets.UTF_8);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("kexp", kexpVersion);
    facts.put(
        "java",
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    facts.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    facts.put("cores", Runtime.getRuntime().availableProcessors());
    facts.put("experiment", plan.experiment());
    facts.put("file", kexpFile.getFileName().toString());
    facts.put("sha256", plan.sha256());
    facts.put("git", Checksums.git(kexpFile));
    Manifest manifest = new Manifest(root.resolve(Manifest.FILE), facts);
    manifest.write();
    return new ResultsDir(root, manifest);
  }

  public Path root() {
    return root;
  }

  public Manifest manifest() {
    return manifest;
  }

  /**
   * Records the SHA-256 of every data file written so far and the final status; called at the end
   * of the experiment, whether it completed, failed or was stopped.
   */
  public void finish(Manifest.Status status) {
    try {
      manifest.put("files_sha256", Checksums.of(root));
    } catch (IOException e) {
      manifest.put("files_sha256_error", e.getMessage());
    }
    manifest.ended(status);
  }

  public Path runDir(RunPlan run) throws IOException {
    return Files.createDirectories(root.resolve(run.dir()));
  }
}
