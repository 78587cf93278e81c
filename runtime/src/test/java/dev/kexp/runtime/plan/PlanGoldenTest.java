package dev.kexp.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.control.RecordingRemote;
import dev.kexp.runtime.exec.DryRun;
import dev.kexp.stdlib.Cmd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plans of the four distributions with both runtimes, pinned as golden files: every command on
 * every node, in order. A change to a distribution's commands shows up as a diff to review; {@code
 * -Dkexp.bless=true} rewrites the files.
 */
class PlanGoldenTest {
  static final Path DIR = Path.of("src/test/resources/plans");

  static List<String[]> cells() {
    List<String[]> cells = new ArrayList<>();
    for (String d : List.of("kubeadm", "k3s", "microk8s", "k0s"))
      for (String r : List.of("containerd", "docker")) cells.add(new String[] {d, r});
    return cells;
  }

  static String file(String distro, String runtime) {
    return """
        experiment 'seed-%s-%s' {
            cluster {
                master 'node0'
                workers 'node1', 'node2'
                ssh user: 'ubuntu', key: '~/.ssh/id_ed25519', passphrase: env('KEXP_KEY_PASSPHRASE')
                hypervisor xen, mode: PV
                runtime %s
                distro %s, version: '1.27.2'
                cni calico, version: '3.26.1'
            }
            phases { install; idle 1.min; stopMaster; startMaster; uninstall }
        }
        """
        .formatted(distro, runtime, runtime, distro);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("cells")
  void thePlanListsEveryCommandPerNodeInOrder(String distro, String runtime) throws Exception {
    Plan plan = PlannerTest.plan(file(distro, runtime));
    String text = PlanPrinter.text(plan);
    Path golden = DIR.resolve(distro + "-" + runtime + ".txt");
    if (Boolean.getBoolean("kexp.bless")) {
      Files.writeString(golden, text, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), text, golden.toString());
    assertFalse(text.contains("KEXP_KEY_PASSPHRASE=") || text.matches("(?s).*K10[0-9a-f]{8}.*"));
    assertTrue(text.contains("passphrase env:KEXP_KEY_PASSPHRASE"), "secrets are shown by source");
  }

  /** The second paper's form: installed once, then each repetition starts, joins, drains, stops. */
  static String lifecycle(String distro, String runtime) {
    return """
        experiment 'lifecycle-%s-%s' {
            cluster {
                master 'node0'
                workers 'node1', 'node2'
                ssh user: 'ubuntu', key: '~/.ssh/id_ed25519'
                runtime %s
                distro %s, version: '1.27.2'
                cni calico, version: '3.26.1'
            }
            setup { install }
            phases { idle 1.min; startMaster; addWorkers; drainWorkers; stopMaster }
            teardown { uninstall }
            repeat 2
        }
        """
        .formatted(distro, runtime, runtime, distro);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("cells")
  void theLifecyclePlanListsEveryCommandOfBothRepetitions(String distro, String runtime)
      throws Exception {
    String text = PlanPrinter.text(PlannerTest.plan(lifecycle(distro, runtime)));
    Path golden = DIR.resolve("lifecycle-" + distro + "-" + runtime + ".txt");
    if (Boolean.getBoolean("kexp.bless")) {
      Files.writeString(golden, text, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), text, golden.toString());
  }

  /**
   * The dry run sends every listed command through the interpreter's own node code to recording
   * remotes: what they receive is exactly what the plan lists, node by node, in order.
   */
  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("cells")
  void whatTheNodesReceiveIsWhatThePlanLists(String distro, String runtime) {
    RunPlan run = PlannerTest.plan(file(distro, runtime)).runs().get(0);
    List<RecordingRemote.Call> calls = DryRun.record(run);
    List<String> listed = new ArrayList<>();
    for (Step step : run.steps()) {
      List<String> nodes = step.nodes();
      for (Cmd c : step.commands())
        for (String node : nodes) listed.add(node + " " + (c.root() ? "# " : "$ ") + c.line());
    }
    List<String> sent =
        calls.stream().map(c -> c.node() + " " + (c.sudo() ? "# " : "$ ") + c.line()).toList();
    assertEquals(listed, sent);
    assertTrue(sent.size() > 30, "a whole install: " + sent.size());
  }
}
