package dev.kexp.dsl.vocabulary;

import static dev.kexp.dsl.vocabulary.Block.CELL;
import static dev.kexp.dsl.vocabulary.Block.CLUSTER;
import static dev.kexp.dsl.vocabulary.Block.EXPERIMENT;
import static dev.kexp.dsl.vocabulary.Block.LOAD;
import static dev.kexp.dsl.vocabulary.Block.MATRIX;
import static dev.kexp.dsl.vocabulary.Block.METRICS;
import static dev.kexp.dsl.vocabulary.Block.OPENFAAS;
import static dev.kexp.dsl.vocabulary.Block.PHASES;
import static dev.kexp.dsl.vocabulary.Block.PROMPT;
import static dev.kexp.dsl.vocabulary.Block.THRESHOLDS;
import static dev.kexp.dsl.vocabulary.Block.TOP;
import static dev.kexp.dsl.vocabulary.Form.BARE;
import static dev.kexp.dsl.vocabulary.Form.CALL;
import static dev.kexp.dsl.vocabulary.Form.CALL_OR_BARE;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The language's one vocabulary: every block's keywords, bare words, chain words and examples. The
 * static check, the did-you-mean, the sandbox's chain methods, the error messages' examples, the
 * REPL's completion and help, and the editor files are all derived from this table; {@code
 * VocabularyMatchesSpecsTest} fails when a block's delegate ({@code Spec}) and this table disagree.
 */
public final class Vocabulary {
  private Vocabulary() {}

  private static final String SECRET = "env('TOKEN')";

  private static final List<Keyword> ALL =
      List.of(
          k(
              TOP,
              "experiment",
              CALL,
              EXPERIMENT,
              null,
              "experiment 'name' { ... }",
              "An experiment: what one .kexp file describes"),
          k(
              PROMPT,
              "experiment",
              CALL,
              EXPERIMENT,
              null,
              "experiment 'name' { ... }",
              "Makes this experiment the REPL's current one"),
          k(
              PROMPT,
              "load",
              CALL,
              null,
              null,
              "load 'http://127.0.0.1:8080/', users: 50, over: 10.s",
              "A probe: load on a URL of this machine (users: or rate:, over:), then its summary"),
          // experiment { }
          k(
              EXPERIMENT,
              "description",
              CALL,
              null,
              null,
              "description 'what it measures'",
              "A sentence on what the experiment measures"),
          k(
              EXPERIMENT,
              "cluster",
              CALL,
              CLUSTER,
              null,
              "cluster { master 'node0' }",
              "The nodes and the platform: hypervisor, runtime, distribution, CNI"),
          k(
              EXPERIMENT,
              "workload",
              CALL,
              null,
              null,
              "workload function('factorial', arg: 500)",
              "What runs on the cluster and receives the load"),
          k(
              EXPERIMENT,
              "load",
              CALL,
              LOAD,
              null,
              "load { target workload }",
              "Where load goes and how requests look"),
          k(
              EXPERIMENT,
              "metrics",
              CALL,
              METRICS,
              null,
              "metrics { nodes every: 5.s }",
              "What is sampled while the phases run"),
          k(
              EXPERIMENT,
              "phases",
              CALL,
              PHASES,
              null,
              "phases { ramp 0..100 over 30.s }",
              "The steps of one repetition, in order"),
          k(
              EXPERIMENT,
              "setup",
              CALL,
              PHASES,
              null,
              "setup { install }",
              "Phases run once per matrix cell, before its first repetition"),
          k(
              EXPERIMENT,
              "teardown",
              CALL,
              PHASES,
              null,
              "teardown { uninstall }",
              "Phases run once per matrix cell, after its last repetition (also after a failure)"),
          k(
              EXPERIMENT,
              "repeat",
              CALL,
              null,
              null,
              "repeat 10, pause: 5.min",
              "How many repetitions, and the pause between them"),
          k(
              EXPERIMENT,
              "matrix",
              CALL,
              MATRIX,
              null,
              "matrix distro: [k3s, k0s]",
              "The settings that vary: one cell per combination, or cell('name') { } blocks"),
          k(
              EXPERIMENT,
              "thresholds",
              CALL,
              THRESHOLDS,
              null,
              "thresholds { breakpoint errors: 5.percent, over: 10.s }",
              "When the system under load counts as broken"),
          k(
              EXPERIMENT,
              "report",
              CALL,
              null,
              null,
              "report 'html', 'csv', 'json', 'latex'",
              "The report formats to write"),
          k(
              EXPERIMENT,
              "openfaas",
              CALL,
              OPENFAAS,
              null,
              "openfaas(version: '0.26.4') { function 'f' }",
              "The OpenFaaS workload, installed with Helm"),
          k(
              EXPERIMENT,
              "function",
              CALL,
              null,
              null,
              "function('factorial', arg: 500)",
              "kexp's embedded HTTP function (cluster { local })"),
          k(
              EXPERIMENT,
              "deployment",
              CALL,
              null,
              null,
              "deployment('nginx', image: 'nginx:1.14.2')",
              "A Kubernetes Deployment and its Service"),
          k(
              EXPERIMENT,
              "mysql",
              CALL,
              null,
              null,
              "mysql(version: '8.0')",
              "The MySQL workload (for sysbench)"),
          k(
              EXPERIMENT,
              "env",
              CALL,
              null,
              null,
              SECRET,
              "A secret read from the environment when the run needs it; never printed"),
          // cluster { }
          k(
              CLUSTER,
              "local",
              CALL_OR_BARE,
              null,
              null,
              "local",
              "This machine only, with no nodes to provision"),
          k(CLUSTER, "master", CALL, null, null, "master 'node0'", "The control-plane node"),
          k(CLUSTER, "workers", CALL, null, null, "workers 'node1', 'node2'", "The worker nodes"),
          k(
              CLUSTER,
              "loader",
              CALL,
              null,
              null,
              "loader 'node4'",
              "The node load is generated from"),
          k(
              CLUSTER,
              "loaders",
              CALL,
              null,
              null,
              "loaders 'node4', 'node5'",
              "Several nodes load is generated from, each sending an even share"),
          k(
              CLUSTER,
              "ssh",
              CALL,
              null,
              null,
              "ssh user: 'ubuntu', key: '~/.ssh/id_ed25519', port: 22",
              "How kexp logs in to the nodes"),
          k(
              CLUSTER,
              "hypervisor",
              CALL,
              null,
              null,
              "hypervisor xen, mode: PV",
              "The hypervisor the nodes must run under"),
          k(
              CLUSTER,
              "runtime",
              CALL,
              null,
              null,
              "runtime containerd",
              "The container runtime (default containerd)"),
          k(
              CLUSTER,
              "distro",
              CALL,
              null,
              null,
              "distro k3s, version: '1.27.2'",
              "The Kubernetes distribution and its version"),
          k(
              CLUSTER,
              "cni",
              CALL,
              null,
              null,
              "cni calico, version: '3.16'",
              "The network plugin (default: the distribution's own)"),
          k(
              CLUSTER,
              "env",
              CALL,
              null,
              null,
              SECRET,
              "A secret read from the environment when the run needs it; never printed"),
          // openfaas { }
          k(
              OPENFAAS,
              "function",
              CALL,
              null,
              null,
              "function 'factorial', image: 'example/factorial:1.0', body: '500'",
              "An OpenFaaS function to deploy and load"),
          // load { }
          k(
              LOAD,
              "target",
              CALL,
              null,
              null,
              "target 'http://127.0.0.1:8080/'",
              "Where load goes: a URL, or workload"),
          k(
              LOAD,
              "workload",
              BARE,
              null,
              null,
              "target workload",
              "The experiment's workload, as a load target"),
          k(LOAD, "method", CALL, null, null, "method 'POST'", "The HTTP method (default GET)"),
          k(
              LOAD,
              "header",
              CALL,
              null,
              null,
              "header 'Authorization', env('TOKEN')",
              "A request header"),
          k(LOAD, "body", CALL, null, null, "body '500'", "The request body"),
          k(LOAD, "timeout", CALL, null, null, "timeout 30.s", "How long a request may take"),
          k(LOAD, "think", CALL, null, null, "think 100.ms", "Each user's pause between requests"),
          k(
              LOAD,
              "env",
              CALL,
              null,
              null,
              SECRET,
              "A secret read from the environment when the run needs it; never printed"),
          // metrics { }
          k(
              METRICS,
              "nodes",
              CALL,
              null,
              null,
              "nodes every: 5.s",
              "CPU, memory, disk and network of every node"),
          k(
              METRICS,
              "replicas",
              CALL,
              null,
              null,
              "replicas 'factorial', namespace: 'openfaas-fn', every: 5.s",
              "A Deployment's desired and ready replicas"),
          k(
              METRICS,
              "prometheus",
              CALL,
              null,
              null,
              "prometheus 'http://node0:30090', queries: [rps: 'sum(rate(x[1m]))']",
              "Prometheus queries over the run's window"),
          // phases { }, setup { }, teardown { }
          k(
              PHASES,
              "install",
              CALL_OR_BARE,
              null,
              null,
              "install",
              "Install the runtime, the distribution and the CNI"),
          k(PHASES, "deploy", CALL_OR_BARE, null, null, "deploy", "Deploy the workload"),
          k(PHASES, "uninstall", CALL_OR_BARE, null, null, "uninstall", "Remove the distribution"),
          k(
              PHASES,
              "ramp",
              CALL,
              null,
              "over",
              "ramp 0..100 over 30.s",
              "Virtual users from A to B (closed model)"),
          k(
              PHASES,
              "rate",
              CALL,
              null,
              "over",
              "rate 0..1000 over 30.s",
              "Requests per second from A to B (open model)"),
          k(
              PHASES,
              "hold",
              CALL,
              null,
              "over",
              "hold 50 over 1.min",
              "A steady number of virtual users"),
          k(
              PHASES,
              "steps",
              CALL,
              null,
              "each",
              "steps 1, 25, 50 each 1.min",
              "Virtual users in steps, each held for a while"),
          k(
              PHASES,
              "cooldown",
              CALL,
              null,
              null,
              "cooldown 2.min",
              "Wait while sampling, after load"),
          k(PHASES, "idle", CALL, null, null, "idle 2.min", "Wait while sampling"),
          k(
              PHASES,
              "startMaster",
              CALL_OR_BARE,
              null,
              null,
              "startMaster",
              "Start the control plane (lifecycle)"),
          k(
              PHASES,
              "addWorkers",
              CALL_OR_BARE,
              null,
              null,
              "addWorkers parallel: true",
              "Join the workers, one at a time unless parallel: true"),
          k(
              PHASES,
              "apply",
              CALL,
              null,
              null,
              "apply deployment('nginx', image: 'nginx:1.14.2')",
              "Apply a Deployment or a manifest and wait until it is ready"),
          k(
              PHASES,
              "delete",
              CALL,
              null,
              null,
              "delete deployment('nginx')",
              "Delete a Deployment or a manifest's objects"),
          k(
              PHASES,
              "drainWorkers",
              CALL_OR_BARE,
              null,
              null,
              "drainWorkers",
              "Cordon and drain every worker"),
          k(PHASES, "stopMaster", CALL_OR_BARE, null, null, "stopMaster", "Stop the control plane"),
          k(
              PHASES,
              "sysbench",
              CALL,
              null,
              null,
              "sysbench 'oltp_read_write', threads: [1, 25, 50], duration: 60.s",
              "A sysbench benchmark against the mysql workload"),
          k(
              PHASES,
              "iozone",
              CALL,
              null,
              null,
              "iozone file: 512.mb, record: 2.mb",
              "An iozone file-system benchmark"),
          k(
              PHASES,
              "deployment",
              CALL,
              null,
              null,
              "deployment('nginx', image: 'nginx:1.14.2')",
              "A Deployment, for apply and delete"),
          k(
              PHASES,
              "manifest",
              CALL,
              null,
              null,
              "manifest('manifests/web.yaml')",
              "A YAML file beside the .kexp file, for apply and delete"),
          k(
              PHASES,
              "env",
              CALL,
              null,
              null,
              SECRET,
              "A secret read from the environment when the run needs it; never printed"),
          // matrix { }
          k(
              MATRIX,
              "cell",
              CALL,
              CELL,
              null,
              "cell('PV') { cluster { hypervisor xen, mode: PV } }",
              "One cell of the matrix, named, with the settings it changes"),
          k(
              CELL,
              "cluster",
              CALL,
              CLUSTER,
              null,
              "cluster { master 'pv-vm' }",
              "The cluster settings this cell changes"),
          // thresholds { }
          k(
              THRESHOLDS,
              "breakpoint",
              CALL,
              null,
              null,
              "breakpoint errors: 5.percent, over: 10.s",
              "The first window whose errors (or latency) pass the limit"));

  private static Keyword k(
      Block block, String word, Form form, Block opens, String chain, String example, String doc) {
    return new Keyword(block, word, form, opens, chain, example, doc);
  }

  /** Every keyword of every block, in the order of the table. */
  public static List<Keyword> all() {
    return ALL;
  }

  public static List<Keyword> of(Block block) {
    return ALL.stream().filter(k -> k.block() == block).toList();
  }

  public static Optional<Keyword> find(Block block, String word) {
    return ALL.stream().filter(k -> k.block() == block && k.word().equals(word)).findFirst();
  }

  /** The words that follow a keyword's arguments in a chain: {@code over}, {@code each}. */
  public static Set<String> chainWords() {
    Set<String> words = new LinkedHashSet<>();
    for (Keyword k : ALL) k.chainWord().ifPresent(words::add);
    return words;
  }

  /** Every distinct keyword, for editors that complete words regardless of the block. */
  public static Set<String> words() {
    Set<String> words = new LinkedHashSet<>();
    for (Keyword k : ALL) words.add(k.word());
    return words;
  }

  /**
   * The example of {@code word}: from the block it belongs to, or, for a word of several blocks,
   * the first. A word the table does not hold is its own example followed by "...".
   */
  public static String example(String word) {
    return ALL.stream()
        .filter(k -> k.word().equals(word) && k.block() != PROMPT)
        .map(Keyword::example)
        .findFirst()
        .orElse(word + " ...");
  }
}
