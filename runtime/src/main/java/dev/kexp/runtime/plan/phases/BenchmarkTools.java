package dev.kexp.runtime.plan.phases;

import dev.kexp.dsl.model.Node;
import dev.kexp.runtime.plan.PlanContext;
import dev.kexp.runtime.plan.Plans;
import dev.kexp.runtime.plan.Step;
import dev.kexp.stdlib.Cmd;
import java.util.List;

/**
 * The planned step that makes a benchmark's tool present on a node before it runs: installed with
 * apt when missing on a cluster's node, only checked on this machine ({@code cluster { local }}
 * installs nothing), so the plan says what a node needs.
 */
final class BenchmarkTools {
  private BenchmarkTools() {}

  /**
   * @param tool the command, e.g. iozone
   * @param debianPackage the package that ships it, e.g. iozone3
   * @param where where the package comes from when it is not in Debian's main component, or null
   */
  static Step.OnNode ensure(
      String phase, Node node, boolean local, String tool, String debianPackage, String where) {
    String from = where == null ? "" : " (" + where + ")";
    if (local) {
      return PlanContext.onNode(
          phase,
          node,
          "check that " + tool + " is installed",
          List.of(
              Cmd.user(
                  "command -v "
                      + tool
                      + " >/dev/null 2>&1 || { echo "
                      + Plans.shellWord(
                          tool
                              + " is not installed on this machine: install the "
                              + debianPackage
                              + " package"
                              + from)
                      + " >&2; exit 1; }")));
    }
    return PlanContext.onNode(
        phase,
        node,
        "install " + tool + " if missing",
        List.of(
            Cmd.root(
                "command -v "
                    + tool
                    + " >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive"
                    + " apt-get install -y -q --no-install-recommends "
                    + debianPackage
                    + " || { echo "
                    + Plans.shellWord("cannot install " + debianPackage + from)
                    + " >&2; exit 1; }; }")));
  }
}
