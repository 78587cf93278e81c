package dev.kexp.runtime.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.kexp.dsl.model.Deployment;
import dev.kexp.dsl.model.Role;
import dev.kexp.stdlib.Cmd;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One thing a run does, in order. Steps are plain data: {@code kexp plan} prints them and {@code
 * kexp run} interprets the very same objects, so the plan is exactly what runs.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
public sealed interface Step {
  /** The phase of the .kexp file this step comes from, or a lifecycle word such as "prepare". */
  String phase();

  /** One human-readable line. */
  @JsonProperty("description")
  String describe();

  /** Uses this machine as the only node: nothing is installed. */
  record UseLocalMachine(String phase) implements Step {
    public String describe() {
      return "use this machine as the only node (cluster { local }): nothing is installed";
    }
  }

  /**
   * Something done on one node over SSH, such as installing the distribution: {@code commands} are
   * the exact commands, in order, each checked for its exit status. Consecutive {@code OnNode}
   * steps with the same phase, action and role run in parallel across their nodes (bounded
   * fan-out); everything else runs in the order of the plan, so a server is up before its agents
   * join.
   */
  record OnNode(String phase, String node, Role role, String action, List<Cmd> commands)
      implements Step {
    public OnNode {
      commands = List.copyOf(commands);
    }

    public String describe() {
      return action + " on " + role.name().toLowerCase(java.util.Locale.ROOT) + " " + node;
    }

    /** Whether this step runs alongside {@code other} (see the class comment). */
    public boolean parallelWith(Step other) {
      return other instanceof OnNode o
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
  }

  /**
   * Fetches the admin kubeconfig from the master, pointed at the master's address, and keeps it in
   * memory for the Kubernetes steps (it holds credentials, so it is neither logged nor written).
   */
  record FetchKubeconfig(String phase, String node, Cmd command) implements Step {
    public String describe() {
      return "fetch the kubeconfig from " + node + " (server rewritten to " + node + ")";
    }
  }

  /**
   * Something done through the Kubernetes API: deploy or remove the workload, apply or delete a
   * Deployment or a manifest file, drain a worker. {@code target} is the workload's word, the
   * Deployment's name, the file (relative to the .kexp) or the node; {@code deployment} is the
   * Deployment an {@code apply} creates, else null.
   */
  record OnCluster(String phase, ClusterOp op, String target, Deployment deployment, String action)
      implements Step {
    public String describe() {
      return action;
    }
  }

  /** What an {@link OnCluster} step does. */
  enum ClusterOp {
    DEPLOY,
    REMOVE,
    APPLY,
    APPLY_FILE,
    DELETE,
    DELETE_FILE,
    DRAIN
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
  }

  /** Starts sampling CPU, memory, disk and network of every node from /proc. */
  record StartSampling(String phase, List<String> nodes, Duration every) implements Step {
    public StartSampling {
      nodes = List.copyOf(nodes);
    }

    public String describe() {
      return "sample CPU, memory, disk, network of "
          + String.join(", ", nodes)
          + " every "
          + Plans.format(every);
    }
  }

  /** Stops sampling. */
  record StopSampling(String phase) implements Step {
    public String describe() {
      return "stop sampling";
    }
  }

  /** One segment of a load profile: users (closed) or requests per second (open). */
  record Segment(String model, double from, double to, Duration duration) {
    @Override
    public String toString() {
      String unit = model.equals("open") ? " req/s" : " users";
      String value = from == to ? Plans.number(from) : Plans.number(from) + ".." + Plans.number(to);
      return value + unit + " over " + Plans.format(duration);
    }
  }

  /** Sends HTTP load following the segments, back to back. */
  record Load(
      String phase,
      String target,
      String method,
      String body,
      Duration timeout,
      Duration think,
      List<String> headers,
      List<Segment> segments)
      implements Step {
    public Load {
      segments = List.copyOf(segments);
      headers = List.copyOf(headers);
    }

    public Duration duration() {
      return segments.stream().map(Segment::duration).reduce(Duration.ZERO, Duration::plus);
    }

    public String describe() {
      String where =
          target.startsWith("function:")
              ? "function " + target.substring("function:".length()) + " (kexp's, on loopback)"
              : target;
      StringBuilder s = new StringBuilder(method + " " + where + ": ");
      for (int i = 0; i < segments.size(); i++) {
        if (i > 0) s.append(", then ");
        s.append(segments.get(i));
      }
      s.append(" (timeout ").append(Plans.format(timeout));
      if (!think.isZero()) s.append(", think ").append(Plans.format(think));
      if (body != null) s.append(", body '").append(body).append("'");
      for (String h : headers) s.append(", header ").append(h);
      return s.append(")").toString();
    }
  }

  /** Waits while sampling goes on: cooldown and idle windows. */
  record Wait(String phase, Duration duration) implements Step {
    public String describe() {
      return "wait " + Plans.format(duration) + " (sampling goes on)";
    }
  }

  /** A benchmark run on nodes: sysbench or IOzone. */
  record Benchmark(String phase, String tool, List<String> arguments, Duration duration)
      implements Step {
    public Benchmark {
      arguments = List.copyOf(arguments);
    }

    public String describe() {
      return tool + " " + String.join(" ", arguments);
    }
  }

  /** The pause between repetitions. */
  record Pause(String phase, Duration duration) implements Step {
    public String describe() {
      return "pause " + Plans.format(duration) + " before the next run";
    }
  }
}
