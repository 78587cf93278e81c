package dev.kexp.runtime.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.kexp.dsl.model.Deployment;
import dev.kexp.dsl.model.Role;
import dev.kexp.dsl.model.Secret;
import dev.kexp.dsl.model.Workload;
import dev.kexp.stdlib.Cmd;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One thing a run does, in order. Steps are plain data: {@code kexp plan} prints them and {@code
 * kexp run} interprets the very same objects, so the plan is exactly what runs. Each record has one
 * runner in {@code exec/} (a test fails when one is missing).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
public sealed interface Step {
  /**
   * The phases whose steps take the cluster down, the file's {@code teardown { }} block among them:
   * they also run after a failed step.
   */
  Set<String> TEARDOWN_PHASES = Set.of("uninstall", "stopMaster", "teardown");

  /** The phase of the .kexp file this step comes from, or a lifecycle word such as "prepare". */
  String phase();

  /** One human-readable line. */
  @JsonProperty("description")
  String describe();

  /**
   * The commands this step runs on its node(s), as the plan lists them under it; empty for steps
   * that run no shell command.
   */
  default List<Cmd> commands() {
    return List.of();
  }

  /** How long the step runs by the clock (load, waits, pauses); zero for the untimed ones. */
  default Duration duration() {
    return Duration.ZERO;
  }

  /** The nodes {@link #commands()} run on. */
  default List<String> nodes() {
    return List.of();
  }

  /**
   * Whether this step closes what the run opened (sampling, kexp's function, the Prometheus query
   * of the run's window): it runs however the run ends, after a failure or Ctrl-C too.
   */
  @JsonProperty("always")
  default boolean always() {
    return false;
  }

  /**
   * Whether this step takes the cluster down ({@code uninstall}, {@code stopMaster}): after a
   * failed step it still runs, unless {@code kexp run --keep-on-failure}; after Ctrl-C it does not
   * (the run stops as soon as it can).
   */
  @JsonProperty("teardown")
  default boolean teardown() {
    return TEARDOWN_PHASES.contains(phase());
  }

  /** Uses this machine as the only node: nothing is installed. */
  record UseLocalMachine(String phase) implements Step {
    public String describe() {
      return "use this machine as the only node (cluster { local }): nothing is installed";
    }
  }

  /**
   * Something done on one node over SSH, such as installing the distribution: {@code commands} are
   * the exact commands, in order, each checked for its exit status. Consecutive {@code OnNode}
   * steps with the same phase, action and role run in parallel across their nodes (bounded fan-out)
   * unless {@code oneAtATime}; everything else runs in the order of the plan, so a server is up
   * before its agents join.
   */
  record OnNode(
      String phase, String node, Role role, String action, List<Cmd> commands, boolean oneAtATime)
      implements Step {
    public OnNode {
      commands = List.copyOf(commands);
    }

    public OnNode(String phase, String node, Role role, String action, List<Cmd> commands) {
      this(phase, node, role, action, commands, false);
    }

    public String describe() {
      return action + " on " + role.name().toLowerCase(java.util.Locale.ROOT) + " " + node;
    }

    public List<String> nodes() {
      return List.of(node);
    }

    /** Whether this step runs alongside {@code other} (see the class comment). */
    public boolean parallelWith(Step other) {
      return other instanceof OnNode o
          && !oneAtATime
          && !o.oneAtATime
          && o.phase.equals(phase)
          && o.action.equals(action)
          && o.role == role
          && !o.node.equals(node);
    }
  }

  /**
   * Reads what every node really runs under, before anything is installed, and fails the run when
   * it is not the declared {@code hypervisor} (unless {@code kexp run --ignore-hypervisor}).
   */
  record CheckHypervisor(
      String phase, List<String> nodes, String hypervisor, String mode, Cmd probe) implements Step {
    public CheckHypervisor {
      nodes = List.copyOf(nodes);
    }

    public String describe() {
      return "check that "
          + String.join(", ", nodes)
          + " run under "
          + hypervisor
          + (mode == null ? "" : " " + mode);
    }

    public List<Cmd> commands() {
      return List.of(probe);
    }
  }

  /** Records facts about every node (one command each) in the run's entry of manifest.json. */
  record NodeFacts(String phase, List<String> nodes, Map<String, Cmd> facts) implements Step {
    public NodeFacts {
      nodes = List.copyOf(nodes);
      facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    }

    public String describe() {
      return "record " + String.join(", ", facts.keySet()) + " of " + String.join(", ", nodes);
    }

    public List<Cmd> commands() {
      return List.copyOf(facts.values());
    }
  }

  /**
   * Checks that no platform process ({@link PlatformProcesses}) is left running on the nodes from a
   * previous repetition: what each runs is recorded, and a node that is not idle is a warning (its
   * idle phases would measure what is left, not an idle machine).
   */
  record CheckIdle(String phase, List<String> nodes, Cmd probe) implements Step {
    public CheckIdle {
      nodes = List.copyOf(nodes);
    }

    public String describe() {
      return "check that " + String.join(", ", nodes) + " run no Kubernetes platform process";
    }

    public List<Cmd> commands() {
      return List.of(probe);
    }
  }

  /**
   * Fetches the admin kubeconfig from the master, pointed at the master's address, and keeps it in
   * memory for the Kubernetes steps (it holds credentials, so it is neither logged nor written).
   * Kubernetes events and the replica watches are recorded from here on.
   */
  record FetchKubeconfig(String phase, String node, Cmd command) implements Step {
    public String describe() {
      return "fetch the kubeconfig from " + node + " (server rewritten to " + node + ")";
    }

    public List<Cmd> commands() {
      return List.of(command);
    }

    public List<String> nodes() {
      return List.of(node);
    }
  }

  /** One Deployment's ready replicas, recorded to replicas.csv once the cluster answers. */
  record ReplicaWatch(String name, String namespace, Duration every) {
    @Override
    public String toString() {
      return namespace + "/" + name + " every " + Plans.format(every);
    }
  }

  /**
   * Records the replicas of these Deployments from the moment the run reaches the Kubernetes API
   * (after the kubeconfig fetch, or the first Kubernetes step) until the run ends.
   */
  record WatchReplicas(String phase, List<ReplicaWatch> watches) implements Step {
    public WatchReplicas {
      watches = List.copyOf(watches);
    }

    public String describe() {
      return "record the ready replicas of "
          + String.join(", ", watches.stream().map(ReplicaWatch::toString).toList())
          + " once the cluster answers";
    }
  }

  /**
   * Deploys the workload and waits until it serves. {@code exposed}: load is aimed at it, so a
   * plain Deployment gets a NodePort Service, and the URL the deploy finds is where load goes.
   */
  record DeployWorkload(String phase, Workload workload, boolean exposed, String action)
      implements Step {
    public String describe() {
      return action;
    }
  }

  /** Removes the workload and waits until it is gone. */
  record RemoveWorkload(String phase, Workload workload, String action) implements Step {
    public String describe() {
      return action;
    }
  }

  /**
   * Helm on the master, through the kubeconfig kexp leaves there ({@link #KUBECONFIG}, mode 0600):
   * the namespaces in {@code createFirst} are created through the API before the commands, those in
   * {@code deleteAfter} deleted (and waited for) after them. The last command's output is recorded
   * in events.jsonl (what {@code helm list} says was installed).
   */
  record Helm(
      String phase,
      String node,
      String action,
      List<Cmd> commands,
      List<String> createFirst,
      List<String> deleteAfter)
      implements Step {
    /** Where the run copies the fetched kubeconfig on the master, in the login's home. */
    public static final String KUBECONFIG = ".kexp-kubeconfig";

    public Helm {
      commands = List.copyOf(commands);
      createFirst = List.copyOf(createFirst);
      deleteAfter = List.copyOf(deleteAfter);
    }

    public String describe() {
      StringBuilder s = new StringBuilder(action).append(" on ").append(node);
      if (!createFirst.isEmpty())
        s.append(" (namespace ").append(String.join(", ", createFirst)).append(" created first)");
      if (!deleteAfter.isEmpty())
        s.append(" (then namespaces ")
            .append(String.join(", ", deleteAfter))
            .append(" deleted, waiting until they are gone)");
      return s.toString();
    }

    public List<String> nodes() {
      return List.of(node);
    }
  }

  /** {@code apply deployment(...)}: creates or updates it, waits for the rollout. */
  record ApplyDeployment(String phase, Deployment deployment, boolean exposed, String action)
      implements Step {
    public String describe() {
      return action;
    }
  }

  /** {@code apply manifest('file.yaml')}: {@code path} is relative to the .kexp file. */
  record ApplyManifest(String phase, String path, String action) implements Step {
    public String describe() {
      return action;
    }
  }

  /** {@code delete manifest('file.yaml')}: every object of the file, in reverse order. */
  record DeleteManifest(String phase, String path, String action) implements Step {
    public String describe() {
      return action;
    }
  }

  /** {@code delete deployment('nginx')}: waits until its pods are gone. */
  record DeleteDeployment(String phase, String name, String action) implements Step {
    public String describe() {
      return action;
    }
  }

  /** Cordons and drains one worker through the Eviction API. */
  record Drain(String phase, String node, String action) implements Step {
    public String describe() {
      return action;
    }
  }

  /** Starts kexp's own HTTP function on a free loopback port. */
  record ServeFunction(String phase, String name, int arg) implements Step {
    public String describe() {
      return "serve function "
          + name
          + " (factorial("
          + arg
          + ") per request) on 127.0.0.1, a free port";
    }
  }

  /** Stops kexp's own HTTP function. */
  record StopFunction(String phase, String name) implements Step {
    public String describe() {
      return "stop function " + name;
    }

    public boolean always() {
      return true;
    }
  }

  /** A node to sample, with the role it has in the cluster ("local" for this machine). */
  record SampledNode(String host, String role) {}

  /** Starts sampling CPU, memory, disk and network of every node from /proc. */
  record StartSampling(String phase, List<SampledNode> sampled, Duration every) implements Step {
    public StartSampling {
      sampled = List.copyOf(sampled);
    }

    public String describe() {
      return "sample CPU, memory, disk, network of "
          + String.join(", ", sampled.stream().map(SampledNode::host).toList())
          + " every "
          + Plans.format(every);
    }
  }

  /** Stops sampling. */
  record StopSampling(String phase) implements Step {
    public String describe() {
      return "stop sampling";
    }

    public boolean always() {
      return true;
    }
  }

  /**
   * Queries a Prometheus for each named query over the run's window (its start to this step) and
   * saves the raw series; {@code step} is the resolution asked for (Prometheus may need a coarser
   * one for a long window).
   */
  record QueryPrometheus(String phase, String url, Map<String, String> queries, Duration step)
      implements Step {
    public QueryPrometheus {
      queries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(queries));
    }

    public String describe() {
      StringBuilder s = new StringBuilder("query Prometheus at " + url + " over the run's window");
      s.append(" (step ").append(Plans.format(step)).append("): ");
      int i = 0;
      for (Map.Entry<String, String> q : queries.entrySet()) {
        if (i++ > 0) s.append(", ");
        s.append(q.getKey()).append(" = ").append(q.getValue());
      }
      return s.toString();
    }

    public boolean always() {
      return true;
    }
  }

  /** Whether a load segment keeps a number of users (closed) or an arrival rate (open). */
  enum LoadModel {
    CLOSED(" users"),
    OPEN(" req/s");

    private final String unit;

    LoadModel(String unit) {
      this.unit = unit;
    }

    public String unit() {
      return unit;
    }
  }

  /** One segment of a load profile: users (closed) or requests per second (open). */
  record Segment(LoadModel model, double from, double to, Duration duration) {
    @Override
    public String toString() {
      String value = from == to ? Plans.number(from) : Plans.number(from) + ".." + Plans.number(to);
      return value + model.unit() + " over " + Plans.format(duration);
    }
  }

  /**
   * A request header. A secret value is carried for the run but printed as where it comes from
   * ({@code <redacted>} or {@code env:NAME}), in the plan's text and JSON alike.
   */
  record Header(String name, String value, Secret secret) {
    /** The value to send; reads the environment variable of an env secret now. */
    public String reveal() {
      return secret != null ? secret.reveal() : value;
    }

    @Override
    public String toString() {
      return name + ": " + (secret != null ? secret : value);
    }
  }

  /** Sends HTTP load following the segments, back to back, watching the thresholds. */
  record Load(
      String phase,
      LoadTarget target,
      String method,
      String body,
      Duration timeout,
      Duration think,
      List<Header> headers,
      List<Segment> segments,
      List<Threshold> thresholds)
      implements Step {
    public Load {
      segments = List.copyOf(segments);
      headers = List.copyOf(headers);
      thresholds = List.copyOf(thresholds);
    }

    public Duration duration() {
      return segments.stream().map(Segment::duration).reduce(Duration.ZERO, Duration::plus);
    }

    public String describe() {
      StringBuilder s = new StringBuilder(method + " " + target.describe() + ": ");
      for (int i = 0; i < segments.size(); i++) {
        if (i > 0) s.append(", then ");
        s.append(segments.get(i));
      }
      s.append(" (timeout ").append(Plans.format(timeout));
      if (!think.isZero()) s.append(", think ").append(Plans.format(think));
      if (body != null) s.append(", body '").append(body).append("'");
      for (Header h : headers) s.append(", header ").append(h);
      return s.append(")").toString();
    }
  }

  /**
   * Makes kexp's load agent ready on the loaders, before any load: {@code java} checks for Java 17
   * or newer and installs it with the node's package manager when it is missing (root); then kexp's
   * jar is uploaded over SFTP unless the node's cache already holds one with its SHA-256.
   */
  record PrepareLoaders(String phase, List<String> nodes, Cmd java) implements Step {
    public PrepareLoaders {
      nodes = List.copyOf(nodes);
    }

    public String describe() {
      return "make kexp's load agent ready on "
          + String.join(", ", nodes)
          + ": Java 17+ (installed with the node's package manager if missing), kexp's jar"
          + " uploaded to ~/.cache/kexp unless its SHA-256 is there";
    }

    public List<Cmd> commands() {
      return List.of(java);
    }
  }

  /** One loader's part of a load step: its node and its share of users or rate. */
  record LoaderShare(String node, List<Segment> segments) {
    public LoaderShare {
      segments = List.copyOf(segments);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(node + " (");
      for (int i = 0; i < segments.size(); i++) {
        if (i > 0) s.append(", then ");
        s.append(segments.get(i));
      }
      return s.append(")").toString();
    }
  }

  /**
   * {@code load}, sent from the loaders by kexp's agent over SSH rather than from this machine:
   * each loader sends its share, and their seconds are merged into the run's series.
   */
  record LoadFromLoaders(String phase, Load load, List<LoaderShare> shares) implements Step {
    public LoadFromLoaders {
      shares = List.copyOf(shares);
    }

    public Duration duration() {
      return load.duration();
    }

    public List<String> nodes() {
      return shares.stream().map(LoaderShare::node).toList();
    }

    public String describe() {
      StringBuilder s = new StringBuilder("from loader");
      if (shares.size() > 1) s.append("s");
      for (int i = 0; i < shares.size(); i++) {
        s.append(i == 0 ? " " : ", ").append(shares.get(i));
      }
      return s.append(": ").append(load.describe()).toString();
    }
  }

  /** Waits while sampling goes on: cooldown and idle windows. */
  record Wait(String phase, Duration duration) implements Step {
    public String describe() {
      return "wait " + Plans.format(duration) + " (sampling goes on)";
    }
  }

  /** The pause between repetitions. */
  record Pause(String phase, Duration duration) implements Step {
    public String describe() {
      return "pause " + Plans.format(duration) + " before the next run";
    }
  }

  /**
   * Starts a MySQL-compatible server on this machine for {@code cluster { local }}: MariaDB's
   * {@code mariadbd} (or {@code mysqld}) on a free loopback port with a throwaway data directory;
   * the manifest records which server and version ran. Sysbench's {@code {{mysql-...}}} values
   * point at it.
   */
  record StartMysql(String phase, String version) implements Step {
    public String describe() {
      return "start a MySQL-compatible server (asked for MySQL "
          + version
          + "; MariaDB's mariadbd where installed) on 127.0.0.1, a free port, with a throwaway data"
          + " directory and database "
          + "sbtest";
    }
  }

  /** Stops the local server and deletes its data directory. */
  record StopMysql(String phase) implements Step {
    public String describe() {
      return "stop the MySQL-compatible server and delete its data directory";
    }

    public boolean always() {
      return true;
    }
  }

  /**
   * Where sysbench connects. Each part is a literal from the file's {@code target}, or a {@code
   * {{mysql-...}}} placeholder that the step which starts or deploys the workload's server fills;
   * the password is always a placeholder, filled at run time (from {@code password}, an env secret,
   * when the file gives a target) and redacted in every log.
   */
  record MysqlTarget(String host, String port, String user, String db, Secret password) {
    public static final String HOST = "mysql-host";
    public static final String PORT = "mysql-port";
    public static final String USER = "mysql-user";
    public static final String PASSWORD = "mysql-password";

    /** The workload's server, known when it runs. */
    public static MysqlTarget workload() {
      return new MysqlTarget(Cmd.ref(HOST), Cmd.ref(PORT), Cmd.ref(USER), "sbtest", null);
    }

    /** {@code mysql://user@host:port/db} from the file. */
    public static MysqlTarget of(String url, Secret password) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("mysql://([^@/:]+)@([^@/:]+)(?::(\\d+))?/(\\w+)")
              .matcher(url);
      if (!m.matches()) throw new IllegalArgumentException("not a mysql:// target: " + url);
      return new MysqlTarget(
          m.group(2), m.group(3) == null ? "3306" : m.group(3), m.group(1), m.group(4), password);
    }

    public boolean isWorkload() {
      return host.equals(Cmd.ref(HOST));
    }

    /** sysbench's connection options. */
    String options() {
      return "--db-driver=mysql --mysql-host="
          + Plans.shellWord(host)
          + " --mysql-port="
          + Plans.shellWord(port)
          + " --mysql-user="
          + Plans.shellWord(user)
          + " --mysql-password="
          + Cmd.ref(PASSWORD)
          + " --mysql-db="
          + Plans.shellWord(db);
    }

    @Override
    public String toString() {
      if (isWorkload()) return "the mysql workload";
      return "mysql://"
          + user
          + "@"
          + host
          + ":"
          + port
          + "/"
          + db
          + (password == null ? " (no password)" : " (password " + password + ")");
    }
  }

  /**
   * sysbench on one node: {@code prepare} once, then each thread count in turn for {@code each},
   * with an intermediate line every {@code reportEvery}; each level's output is parsed and recorded
   * as it finishes. {@link SysbenchCleanup} drops the tables, however the run ends.
   */
  record Sysbench(
      String phase,
      String node,
      String test,
      List<Integer> threads,
      Duration each,
      Duration reportEvery,
      int tables,
      int tableSize,
      MysqlTarget target)
      implements Step {
    public Sysbench {
      threads = List.copyOf(threads);
    }

    public String describe() {
      return "sysbench "
          + test
          + " on "
          + node
          + " against "
          + target
          + ": prepare "
          + tables
          + " tables of "
          + tableSize
          + " rows, then "
          + String.join(", ", threads.stream().map(String::valueOf).toList())
          + " threads, "
          + Plans.format(each)
          + " each (a line every "
          + Plans.format(reportEvery)
          + ")";
    }

    private String base() {
      return "sysbench "
          + test
          + " "
          + target.options()
          + " --tables="
          + tables
          + " --table-size="
          + tableSize;
    }

    public Cmd prepare() {
      return Cmd.user(base() + " prepare").within(Duration.ofMinutes(30));
    }

    /** One level: sysbench stops itself after {@code each}; the timeout leaves it a margin. */
    public Cmd level(int n) {
      return Cmd.user(
              base()
                  + " --threads="
                  + n
                  + " --time="
                  + each.toSeconds()
                  + " --report-interval="
                  + reportEvery.toSeconds()
                  + " --percentile=95 run")
          .within(each.plus(Duration.ofMinutes(2)));
    }

    public Cmd cleanup() {
      return Cmd.user(base() + " cleanup").within(Duration.ofMinutes(10));
    }

    public List<Cmd> commands() {
      List<Cmd> all = new java.util.ArrayList<>(List.of(prepare()));
      for (int n : threads) all.add(level(n));
      return all;
    }

    public List<String> nodes() {
      return List.of(node);
    }

    public Duration duration() {
      return each.multipliedBy(threads.size());
    }
  }

  /** Drops sysbench's tables after its levels, however the run ends (if it began preparing). */
  record SysbenchCleanup(String phase, String node, String test, Cmd command) implements Step {
    public String describe() {
      return "sysbench "
          + test
          + " cleanup on "
          + node
          + " (drops its tables; runs after a failure too)";
    }

    public List<Cmd> commands() {
      return List.of(command);
    }

    public List<String> nodes() {
      return List.of(node);
    }

    public boolean always() {
      return true;
    }
  }

  /**
   * IOzone on one node, in a scratch directory under {@code dir} that the command creates and
   * removes (also when IOzone fails); write and rewrite are timed with fsync ({@code -e}). Its kB/s
   * table is parsed and recorded as soon as it ends.
   */
  record Iozone(
      String phase,
      String node,
      Role role,
      long fileKb,
      long recordKb,
      List<String> tests,
      String dir)
      implements Step {
    public Iozone {
      tests = List.copyOf(tests);
    }

    public String describe() {
      return "iozone on "
          + role.name().toLowerCase(java.util.Locale.ROOT)
          + " "
          + node
          + ": "
          + String.join(", ", tests)
          + " of a "
          + fileKb / 1024
          + " MB file in "
          + recordKb
          + " kB records, in a scratch directory under "
          + dir;
    }

    public Cmd command() {
      StringBuilder line =
          new StringBuilder("d=$(mktemp -d ")
              .append(Plans.shellWord(dir + "/kexp-iozone.XXXXXX"))
              .append(") && trap 'rm -rf \"$d\"' EXIT && iozone -e");
      for (String t : tests)
        line.append(" -i ").append(dev.kexp.dsl.model.Phase.Iozone.TESTS.get(t));
      line.append(" -s ")
          .append(fileKb)
          .append("k -r ")
          .append(recordKb)
          .append("k -f \"$d/iozone.tmp\"");
      return Cmd.user(line.toString()).within(Duration.ofHours(2));
    }

    public List<Cmd> commands() {
      return List.of(command());
    }

    public List<String> nodes() {
      return List.of(node);
    }
  }
}
