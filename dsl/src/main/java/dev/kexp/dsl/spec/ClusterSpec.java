package dev.kexp.dsl.spec;

import dev.kexp.dsl.check.Messages;
import dev.kexp.dsl.check.Suggest;
import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.CniSetting;
import dev.kexp.dsl.model.DistroSetting;
import dev.kexp.dsl.model.HypervisorSetting;
import dev.kexp.dsl.model.Node;
import dev.kexp.dsl.model.Role;
import dev.kexp.dsl.model.RuntimeSetting;
import dev.kexp.dsl.model.Secret;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.model.SshLogin;
import dev.kexp.dsl.vocabulary.Block;
import dev.kexp.stdlib.Distro;
import dev.kexp.stdlib.Stdlib;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code cluster { ... }}. Also applied on a copy for a matrix cell's overrides. */
public final class ClusterSpec extends Spec {
  private SourceRef at;
  private String cell;
  private boolean local;
  private SourceRef localAt;
  private Node master;
  private List<Node> workers = new ArrayList<>();
  private boolean workersInherited;
  private List<Node> loaders = new ArrayList<>();
  private SshLogin ssh;
  private SourceRef keyAt;
  private HypervisorSetting hypervisor;
  private RuntimeSetting runtime;
  private String distroWord;
  private String distroVersion;
  private SourceRef distroAt;
  private String cniWord;
  private String cniVersion;
  private SourceRef cniAt;

  public ClusterSpec(Evaluation ev, SourceRef at) {
    super(ev, Block.CLUSTER);
    this.at = at;
  }

  /** A copy for a matrix cell: what the cell sets replaces what the base cluster set. */
  ClusterSpec copy() {
    ClusterSpec c = new ClusterSpec(ev, at);
    c.local = local;
    c.localAt = localAt;
    c.master = master;
    c.workers = new ArrayList<>(workers);
    c.workersInherited = true;
    c.loaders = new ArrayList<>(loaders);
    c.ssh = ssh;
    c.keyAt = keyAt;
    c.hypervisor = hypervisor;
    c.runtime = runtime;
    c.distroWord = distroWord;
    c.distroVersion = distroVersion;
    c.distroAt = distroAt;
    c.cniWord = cniWord;
    c.cniVersion = cniVersion;
    c.cniAt = cniAt;
    return c;
  }

  /** This copy is the cluster of matrix cell {@code name}, whose line is {@code at}. */
  void cell(String name, SourceRef at) {
    this.cell = name;
    this.at = at;
  }

  public void local() {
    local = true;
    localAt = ev.here("local");
  }

  @Override
  public Object propertyMissing(String name) {
    if (name.equals("local")) {
      local();
      return null;
    }
    return super.propertyMissing(name);
  }

  public void master(Object host) {
    String h = text("master", host);
    if (h != null) master = new Node(h, Role.MASTER, ev.here("master"));
  }

  public void workers(Object... hosts) {
    if (workersInherited) {
      workers.clear();
      workersInherited = false;
    }
    SourceRef here = ev.here("workers");
    for (Object h : flatten(hosts)) {
      String host = text("workers", h);
      if (host != null) workers.add(new Node(host, Role.WORKER, here));
    }
  }

  public void loader(Object host) {
    String h = text("loader", host);
    if (h != null) loaders = new ArrayList<>(List.of(new Node(h, Role.LOADER, ev.here("loader"))));
  }

  /** Several loaders: load phases run on all of them, users or rate split evenly. */
  public void loaders(Object... hosts) {
    SourceRef here = ev.here("loaders");
    List<Node> named = new ArrayList<>();
    for (Object h : flatten(hosts)) {
      String host = text("loaders", h);
      if (host != null) named.add(new Node(host, Role.LOADER, here));
    }
    if (named.isEmpty())
      ev.error(here, "loaders needs at least one node: loaders 'node4', 'node5'");
    loaders = named;
  }

  public void ssh(Map<String, Object> args) {
    onlyKeys("ssh", args, keys("user", "key", "port", "passphrase", "jump"));
    SshLogin base = ssh != null ? ssh : SshLogin.DEFAULT;
    String user = args.containsKey("user") ? string("ssh", "user", args.get("user")) : base.user();
    String key = args.containsKey("key") ? string("ssh", "key", args.get("key")) : base.key();
    Integer port =
        args.containsKey("port")
            ? integer("ssh", "port", args.get("port"))
            : Integer.valueOf(base.port());
    Secret passphrase = base.passphrase();
    Object p = args.get("passphrase");
    if (p instanceof Secret s) passphrase = s;
    else if (p instanceof CharSequence cs) passphrase = Secret.literal(cs.toString());
    if (port != null && (port < 1 || port > 65535)) {
      ev.error(ev.here("ssh"), "ssh port must be between 1 and 65535, got " + port);
    }
    String jump = args.containsKey("jump") ? string("ssh", "jump", args.get("jump")) : base.jump();
    ssh = new SshLogin(user, key, port == null ? 22 : port, passphrase, jump, ev.here("ssh"));
    // Only a key the file names is checked, and not the default one even when named (the example
    // files name it): it is often absent where files are checked, such as a CI machine. A local
    // cluster uses no key at all (see build).
    if (args.containsKey("key"))
      keyAt = key != null && !key.equals(SshLogin.DEFAULT.key()) ? ev.here("ssh") : null;
  }

  private void keyExists() {
    if (keyAt == null || ssh == null || ssh.key() == null) return;
    Path file;
    try {
      file = ssh.keyFile();
    } catch (InvalidPathException e) {
      ev.warning(keyAt, "ssh key '" + ssh.key() + "' is not a file path");
      return;
    }
    if (!Files.isRegularFile(file)) {
      ev.warning(
          keyAt,
          "ssh key '"
              + ssh.key()
              + "' does not exist on this machine"
              + (ssh.key().startsWith("~") ? " (" + file + ")" : "")
              + ": runs will fail to log in; check the path");
    }
  }

  public void hypervisor(Object word) {
    hypervisor(Map.of(), word);
  }

  public void hypervisor(Map<String, Object> args, Object word) {
    onlyKeys("hypervisor", args, keys("mode"));
    String w = text("hypervisor", word);
    if (w == null) return;
    SourceRef here = ev.here("hypervisor");
    var known = Stdlib.get().hypervisors();
    if (!known.containsKey(w)) {
      unknown("hypervisor", w, List.copyOf(known.keySet()), here);
      return;
    }
    String mode = args.containsKey("mode") ? text("hypervisor", args.get("mode")) : null;
    List<String> modes = known.get(w).modes();
    if (mode != null && !modes.contains(mode)) {
      if (modes.isEmpty()) {
        ev.error(here, "hypervisor " + w + " has no modes; remove mode: " + mode);
      } else {
        ev.error(
            here,
            "unknown hypervisor mode '"
                + mode
                + "'"
                + Suggest.didYouMean(mode, modes)
                + " ("
                + w
                + " modes are "
                + String.join(", ", modes)
                + ")");
      }
      mode = null;
    }
    if (mode == null && !modes.isEmpty() && !args.containsKey("mode")) {
      ev.error(here, "hypervisor " + w + " needs a mode: " + String.join(", ", modes));
    }
    hypervisor = new HypervisorSetting(w, mode, here);
  }

  public void runtime(Object word) {
    String w = text("runtime", word);
    if (w == null) return;
    SourceRef here = ev.here("runtime");
    if (!Stdlib.get().runtimes().containsKey(w)) {
      unknown("container runtime", w, List.copyOf(Stdlib.get().runtimes().keySet()), here);
      return;
    }
    runtime = new RuntimeSetting(w, here);
  }

  public void distro(Object word) {
    distro(Map.of(), word);
  }

  public void distro(Map<String, Object> args, Object word) {
    onlyKeys("distro", args, keys("version"));
    String w = text("distro", word);
    if (w == null) return;
    SourceRef here = ev.here("distro");
    if (!Stdlib.get().distros().containsKey(w)) {
      unknown("distro", w, List.copyOf(Stdlib.get().distros().keySet()), here);
      return;
    }
    distroWord = w;
    distroVersion = string("distro", "version", args.get("version"));
    distroAt = here;
  }

  public void cni(Object word) {
    cni(Map.of(), word);
  }

  public void cni(Map<String, Object> args, Object word) {
    onlyKeys("cni", args, keys("version"));
    String w = text("cni", word);
    if (w == null) return;
    SourceRef here = ev.here("cni");
    if (!Stdlib.get().cnis().containsKey(w)) {
      unknown("CNI", w, List.copyOf(Stdlib.get().cnis().keySet()), here);
      return;
    }
    cniWord = w;
    cniVersion = string("cni", "version", args.get("version"));
    cniAt = here;
  }

  /** A matrix cell sets one setting by its key. */
  void set(String setting, String word, SourceRef here) {
    switch (setting) {
      case "distro" -> {
        distroWord = word;
        distroAt = here;
      }
      case "runtime" -> runtime = new RuntimeSetting(word, here);
      case "cni" -> {
        cniWord = word;
        cniVersion = null;
        cniAt = here;
      }
      case "hypervisor" ->
          hypervisor =
              new HypervisorSetting(word, hypervisor == null ? null : hypervisor.mode(), here);
      case "mode" ->
          hypervisor =
              new HypervisorSetting(hypervisor == null ? "xen" : hypervisor.word(), word, here);
      default -> throw new IllegalArgumentException(setting);
    }
  }

  private void unknown(String kind, String word, List<String> known, SourceRef here) {
    ev.error(here, Messages.unknownOrWrongKind(kind, word, known, Stdlib.get().kindOf(word)));
  }

  private static List<Object> flatten(Object[] values) {
    List<Object> out = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof Iterable<?> it) it.forEach(out::add);
      else if (v instanceof Object[] arr) out.addAll(flatten(arr));
      else out.add(v);
    }
    return out;
  }

  /** The cluster of the file, or of a cell; its nodes are checked (see {@link #build(boolean)}). */
  Cluster build() {
    return build(true);
  }

  /**
   * The cluster as written. {@code complete} is false for a matrix's base cluster, which the cells
   * complete: then a missing master is not an error here but in each cell that still lacks one.
   */
  Cluster build(boolean complete) {
    if (local) {
      if (master != null || !workers.isEmpty()) {
        ev.error(
            localAt,
            "a local cluster is this machine alone: remove master and workers, or remove local");
      }
      if (distroWord != null) {
        ev.warning(
            distroAt, "a local cluster installs nothing: distro " + distroWord + " is ignored");
      }
      Node self = new Node("localhost", Role.LOCAL, localAt);
      return new Cluster(
          true,
          self,
          List.of(),
          null,
          SshLogin.DEFAULT,
          HypervisorSetting.NONE,
          null,
          null,
          null,
          at);
    }
    if (complete) nodesNamed();
    keyExists();
    DistroSetting distro = null;
    if (distroWord != null) {
      Distro d = Stdlib.get().distros().get(distroWord);
      distro =
          new DistroSetting(
              distroWord, distroVersion != null ? distroVersion : d.defaultVersion(), distroAt);
    }
    // Without a distribution nothing is installed: the runtime and CNI stay as written (or null),
    // and the validator refuses the phases that need Kubernetes.
    RuntimeSetting rt =
        runtime != null ? runtime : distro != null ? new RuntimeSetting("containerd", at) : null;
    CniSetting cni = null;
    if (cniWord != null) {
      String v =
          cniVersion != null ? cniVersion : Stdlib.get().cnis().get(cniWord).defaultVersion();
      cni = new CniSetting(cniWord, v, cniAt);
    } else if (distro != null) {
      String own = Stdlib.get().distros().get(distro.word()).defaultCni();
      cni = new CniSetting(own, Stdlib.get().cnis().get(own).defaultVersion(), at);
    }
    if (complete && distro == null) {
      if (runtime != null) noEffect("runtime " + runtime.word(), runtime.at());
      if (cni != null) noEffect("cni " + cni.word(), cni.at());
    }
    if (distro != null) {
      for (String w : Stdlib.get().distros().get(distro.word()).warnings(rt.word())) {
        ev.warning(rt.at(), w);
      }
    }
    return new Cluster(
        false,
        master,
        workers,
        null,
        ssh != null ? ssh : SshLogin.DEFAULT,
        hypervisor != null ? hypervisor : HypervisorSetting.NONE,
        rt,
        distro,
        cni,
        at,
        loaders);
  }

  /** A master is named: the error otherwise is at the cluster's line, or at the cell's. */
  private void nodesNamed() {
    if (master != null) return;
    // Only loaders: a load-only experiment against a service that already runs.
    if (workers.isEmpty() && !loaders.isEmpty()) return;
    if (cell != null) {
      ev.error(
          at,
          "cell '"
              + cell
              + "' has no master"
              + (workers.isEmpty() ? " (the cluster has no nodes)" : " for its workers")
              + ": add master 'host' to the cluster or to cell '"
              + cell
              + "'");
    } else if (!workers.isEmpty()) {
      ev.error(workers.get(0).at(), "workers without a master: add master 'host' to the cluster");
    } else {
      ev.error(
          at,
          "the cluster has no nodes: add master 'host' (and workers), or write cluster { local } to use this machine");
    }
  }

  private void noEffect(String setting, SourceRef where) {
    ev.warning(
        where,
        setting
            + " has no effect without a distro: add distro k3s to "
            + (cell != null ? "the cluster or to cell '" + cell + "'" : "the cluster")
            + ", or remove "
            + setting);
  }
}
