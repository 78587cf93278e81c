package dev.kexp.runtime.cli;

import dev.kexp.dsl.Kexp;
import dev.kexp.dsl.check.Problem;
import dev.kexp.runtime.plan.Plan;
import dev.kexp.runtime.plan.Planner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Loads a .kexp file for a command: problems to stderr, the plan if there are no errors. */
final class Loading {
  private Loading() {}

  /**
   * @param refused the phases this build cannot run (errors at their lines), when there is no plan
   */
  record Loaded(Kexp.Loaded file, Plan plan, List<Problem> refused) {
    Loaded(Kexp.Loaded file, Plan plan) {
      this(file, plan, List.of());
    }

    /** How many errors kept the file from being planned. */
    int errors() {
      return file.errors().size() + refused.size();
    }
  }

  static Loaded load(Path file, PrintWriter err, boolean showWarnings) {
    Kexp.Loaded loaded = Kexp.load(file);
    for (Problem p : loaded.problems()) {
      if (p.isError() || showWarnings) err.println(p);
    }
    err.flush();
    if (loaded.hasErrors()) return new Loaded(loaded, null);
    try {
      Plan plan = Planner.plan(loaded.experiment(), sha256(file), loaded.warnings());
      return new Loaded(loaded, plan);
    } catch (Planner.Refused refused) {
      // A phase this build cannot run: an error at its line, before anything is done.
      for (Problem p : refused.problems()) err.println(p);
      err.flush();
      return new Loaded(loaded, null, refused.problems());
    }
  }

  static String sha256(Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
    } catch (IOException | NoSuchAlgorithmException e) {
      return "unknown";
    }
  }
}
