package dev.kexp.dsl.spec;

import dev.kexp.dsl.check.Suggest;
import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.model.Deployment;
import dev.kexp.dsl.model.Manifest;
import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.Secret;
import dev.kexp.dsl.model.Size;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.vocabulary.Block;
import dev.kexp.dsl.vocabulary.Vocabulary;
import groovy.lang.Range;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code phases { ... }}: the ordered phases of one repetition. Load phases are command chains
 * ({@code ramp 0..100 over 30.s} is {@code ramp(0..100).over(30.s)}), so their builders complete
 * when the chained word arrives; a phase whose chain never completes is reported at build time.
 */
public final class PhasesSpec extends Spec {
  private final List<Supplier<Phase>> phases = new ArrayList<>();

  public PhasesSpec(Evaluation ev) {
    super(ev, Block.PHASES);
  }

  private Object bare(String name) {
    SourceRef at = ev.here(name);
    Phase bare =
        switch (name) {
          case "install" -> new Phase.Install(at);
          case "deploy" -> new Phase.Deploy(at);
          case "uninstall" -> new Phase.Uninstall(at);
          case "startMaster" -> new Phase.StartMaster(at);
          case "addWorkers" -> new Phase.AddWorkers(false, at);
          case "drainWorkers" -> new Phase.DrainWorkers(at);
          case "stopMaster" -> new Phase.StopMaster(at);
          default -> null;
        };
    if (bare == null) return super.propertyMissing(name);
    phases.add(() -> bare);
    return null;
  }

  public void install() {
    propertyMissing("install");
  }

  public void deploy() {
    propertyMissing("deploy");
  }

  public void uninstall() {
    propertyMissing("uninstall");
  }

  public void startMaster() {
    propertyMissing("startMaster");
  }

  public void addWorkers() {
    propertyMissing("addWorkers");
  }

  /** {@code addWorkers parallel: true}: all workers join at once. */
  public void addWorkers(Map<String, Object> args) {
    SourceRef at = ev.here("addWorkers");
    onlyKeys("addWorkers", args, keys("parallel"));
    Object p = args.getOrDefault("parallel", false);
    if (!(p instanceof Boolean)) {
      ev.error(
          at,
          "addWorkers parallel: takes true or false, not "
              + describe(p)
              + " (write addWorkers parallel: true)");
    }
    boolean parallel = Boolean.TRUE.equals(p);
    phases.add(() -> new Phase.AddWorkers(parallel, at));
  }

  public void drainWorkers() {
    propertyMissing("drainWorkers");
  }

  public void stopMaster() {
    propertyMissing("stopMaster");
  }

  /** The chain of {@code ramp}, {@code rate} and {@code hold}: {@code ... over 30.min}. */
  public final class Over {
    private final String word;
    private final SourceRef at;
    private final int from;
    private final int to;
    private Duration over;

    Over(String word, SourceRef at, int from, int to) {
      this.word = word;
      this.at = at;
      this.from = from;
      this.to = to;
    }

    public Over over(Object d) {
      over = duration(word, "over", d);
      return this;
    }

    Phase build() {
      if (over == null) {
        ev.error(at, word + " needs a duration: " + Vocabulary.example(word));
        over = Duration.ZERO;
      } else if (over.isZero() || over.isNegative()) {
        ev.error(
            at,
            word
                + " over "
                + describe(over)
                + ": a "
                + word
                + " needs a positive duration, e.g. "
                + Vocabulary.example(word));
      }
      return switch (word) {
        case "ramp" -> new Phase.Ramp(from, to, over, at);
        case "rate" -> new Phase.Rate(from, to, over, at);
        default -> new Phase.Hold(from, over, at);
      };
    }
  }

  /** The chain of {@code steps}: {@code ... each 1.min}. */
  public final class Each {
    private final SourceRef at;
    private final List<Integer> levels;
    private Duration each;

    Each(SourceRef at, List<Integer> levels) {
      this.at = at;
      this.levels = levels;
    }

    public Each each(Object d) {
      each = duration("steps", "each", d);
      return this;
    }

    Phase build() {
      if (each == null) {
        ev.error(at, "steps needs a duration per step: steps 1, 25, 50 each 1.min");
        each = Duration.ZERO;
      } else if (each.isZero() || each.isNegative()) {
        ev.error(at, "steps each " + describe(each) + ": each step needs a positive duration");
      }
      return new Phase.Steps(levels, each, at);
    }
  }

  public Over ramp(Object range) {
    return range("ramp", range);
  }

  public Over rate(Object range) {
    return range("rate", range);
  }

  public Over hold(Object users) {
    SourceRef at = ev.here("hold");
    Integer n = integer("hold", "users", users);
    if (n != null && n < 0) ev.error(at, "hold cannot run a negative number of users, got " + n);
    Over o = new Over("hold", at, n == null ? 0 : n, n == null ? 0 : n);
    phases.add(o::build);
    return o;
  }

  private Over range(String word, Object value) {
    SourceRef at = ev.here(word);
    int from = 0;
    int to = 0;
    if (value instanceof Range<?> r
        && r.getFrom() instanceof Number f
        && r.getTo() instanceof Number t) {
      boolean reverse = r.isReverse();
      from = (reverse ? t : f).intValue();
      to = (reverse ? f : t).intValue();
      if (from < 0 || to < 0)
        ev.error(at, word + " bounds cannot be negative, got " + from + ".." + to);
    } else {
      ev.error(
          at,
          word
              + " expects a range such as 0..100, got "
              + describe(value)
              + "; e.g. "
              + Vocabulary.example(word));
    }
    Over o = new Over(word, at, from, to);
    phases.add(o::build);
    return o;
  }

  public Each steps(Object... levels) {
    SourceRef at = ev.here("steps");
    List<Object> flat = new ArrayList<>();
    for (Object l : levels) {
      if (l instanceof Iterable<?> it) it.forEach(flat::add);
      else flat.add(l);
    }
    List<Integer> ints = integers("steps", "levels", flat);
    if (ints.isEmpty()) ev.error(at, "steps needs at least one level: steps 1, 25, 50 each 1.min");
    for (int i : ints) {
      if (i < 0) ev.error(at, "steps cannot run a negative number of users, got " + i);
    }
    Each e = new Each(at, ints);
    phases.add(e::build);
    return e;
  }

  public void cooldown(Object d) {
    timed("cooldown", d, Phase.Cooldown::new);
  }

  public void idle(Object d) {
    timed("idle", d, Phase.Idle::new);
  }

  private void timed(
      String word, Object d, java.util.function.BiFunction<Duration, SourceRef, Phase> make) {
    SourceRef at = ev.here(word);
    Duration over = duration(word, "", d);
    if (over != null && (over.isZero() || over.isNegative())) {
      ev.error(at, word + " needs a positive duration, got " + describe(over));
    }
    Phase p = make.apply(over == null ? Duration.ZERO : over, at);
    phases.add(() -> p);
  }

  public Deployment deployment(Map<String, Object> args, String name) {
    return Workloads.deployment(this, ev, args, name);
  }

  public Deployment deployment(String name) {
    return deployment(Map.of(), name);
  }

  /** {@code manifest('nginx.yaml')}: a YAML file beside the .kexp, for apply and delete. */
  public Manifest manifest(String path) {
    SourceRef at = ev.here("manifest");
    String p = path == null ? "" : path.strip();
    if (!(p.endsWith(".yaml") || p.endsWith(".yml"))) {
      ev.error(
          at,
          "manifest '"
              + p
              + "': expects a YAML file (.yaml or .yml) relative to the .kexp, e.g."
              + " manifest('nginx.yaml')");
    }
    return new Manifest(p, at);
  }

  public void apply(Object what) {
    SourceRef at = ev.here("apply");
    if (what instanceof Manifest m) {
      phases.add(() -> new Phase.ApplyManifest(m, at));
    } else if (what instanceof Deployment d) {
      if (d.image() == null)
        ev.error(
            at,
            "apply needs a deployment with an image: deployment('"
                + d.name()
                + "', image: 'nginx:1.14.2', replicas: 3)");
      phases.add(() -> new Phase.Apply(d, at));
    } else {
      ev.error(
          at, "apply expects a deployment(...) or a manifest('file.yaml'), got " + describe(what));
    }
  }

  public void delete(Object what) {
    SourceRef at = ev.here("delete");
    if (what instanceof Manifest m) {
      phases.add(() -> new Phase.DeleteManifest(m, at));
    } else if (what instanceof Deployment d) {
      phases.add(() -> new Phase.Delete("deployment", d.name(), at));
    } else {
      ev.error(
          at,
          "delete expects a deployment('name') or a manifest('file.yaml'), got " + describe(what));
    }
  }

  public void sysbench(Map<String, Object> args, String test) {
    onlyKeys(
        "sysbench",
        args,
        keys("threads", "duration", "target", "password", "tables", "tableSize", "reportEvery"));
    SourceRef at = ev.here("sysbench");
    if (test != null && !Phase.Sysbench.TESTS.contains(test)) {
      ev.error(
          at,
          "unknown sysbench test '"
              + test
              + "'"
              + Suggest.didYouMean(test, Phase.Sysbench.TESTS)
              + " (tests are "
              + String.join(", ", Phase.Sysbench.TESTS)
              + ")");
    }
    List<Integer> threads =
        args.containsKey("threads")
            ? integers("sysbench", "threads", args.get("threads"))
            : List.of(1);
    for (int t : threads) {
      if (t < 1) ev.error(at, "sysbench threads must be at least 1, got " + t);
    }
    Duration each =
        args.containsKey("duration")
            ? duration("sysbench", "duration", args.get("duration"))
            : Duration.ofSeconds(60);
    if (each != null && (each.isZero() || each.isNegative())) {
      ev.error(at, "sysbench duration: must be positive, got " + describe(each));
    }
    String target = string("sysbench", "target", args.get("target"));
    if (target != null && !target.matches("mysql://[^@/:]+@[^@/:]+(:\\d+)?/[A-Za-z0-9_]+")) {
      ev.error(
          at,
          "sysbench target: expects 'mysql://user@host:port/db', got '"
              + target
              + "' (the password goes in password: env('VAR'))");
    }
    Object pw = args.get("password");
    Secret password = null;
    if (pw instanceof Secret sec) password = sec;
    else if (pw != null) {
      ev.error(
          at,
          "sysbench password: expects env('VAR'), so the password stays out of the file, got "
              + (pw instanceof CharSequence ? "a string" : describe(pw)));
    }
    if (password != null && target == null) {
      ev.error(at, "sysbench password: goes with target: 'mysql://user@host:port/db'");
    }
    int tables = positive(at, "tables", args.getOrDefault("tables", Phase.Sysbench.TABLES));
    int tableSize =
        positive(at, "tableSize", args.getOrDefault("tableSize", Phase.Sysbench.TABLE_SIZE));
    Duration every =
        args.containsKey("reportEvery")
            ? duration("sysbench", "reportEvery", args.get("reportEvery"))
            : Duration.ofSeconds(1);
    if (every != null && (every.toMillis() < 1000 || every.toMillis() % 1000 != 0)) {
      ev.error(
          at,
          "sysbench reportEvery: takes whole seconds (sysbench's --report-interval), got "
              + describe(every));
    }
    Duration d = each == null ? Duration.ZERO : each;
    Duration r = every == null ? Duration.ofSeconds(1) : every;
    Secret secret = password;
    phases.add(
        () -> new Phase.Sysbench(test, threads, d, target, secret, tables, tableSize, r, at));
  }

  private int positive(SourceRef at, String option, Object v) {
    Integer i = integer("sysbench", option, v);
    if (i != null && i < 1) ev.error(at, "sysbench " + option + ": must be at least 1, got " + i);
    return i == null || i < 1 ? 1 : i;
  }

  public void sysbench(String test) {
    sysbench(Map.of(), test);
  }

  /** IOzone's test names and the node choices, as bare words inside iozone's options. */
  private static final List<String> IOZONE_WORDS = List.of("workers", "master");

  @Override
  public Object propertyMissing(String name) {
    if (IOZONE_WORDS.contains(name) || Phase.Iozone.TESTS.containsKey(name)) return new Word(name);
    return bare(name);
  }

  public void iozone(Map<String, Object> args) {
    onlyKeys("iozone", args, keys("file", "record", "tests", "on", "dir"));
    SourceRef at = ev.here("iozone");
    Size file = size(at, "file", args.getOrDefault("file", new Size(512L << 20)));
    Size record = size(at, "record", args.getOrDefault("record", new Size(2L << 20)));
    if (file != null && record != null && record.bytes() > file.bytes()) {
      ev.error(at, "iozone record: " + record + " is larger than file: " + file);
    }
    List<String> tests = new ArrayList<>();
    Object t = args.getOrDefault("tests", List.of("write", "read"));
    for (Object item : t instanceof Iterable<?> it ? it : List.of(t)) {
      String name = text("iozone", item);
      if (name == null) continue;
      if (!Phase.Iozone.TESTS.containsKey(name)) {
        List<String> known = List.copyOf(Phase.Iozone.TESTS.keySet());
        ev.error(
            at,
            "unknown iozone test '"
                + name
                + "'"
                + Suggest.didYouMean(name, known)
                + " (tests are write, read, random, backward, recordRewrite, stride, fwrite, fread)");
      } else if (!tests.contains(name)) {
        tests.add(name);
      }
    }
    if (!tests.contains("write")) tests.add(0, "write");
    String on = args.containsKey("on") ? text("iozone", args.get("on")) : Phase.Iozone.ALL;
    String dir =
        args.containsKey("dir") ? string("iozone", "dir", args.get("dir")) : Phase.Iozone.DIR;
    if (dir != null && !dir.matches("/[A-Za-z0-9._/-]*")) {
      ev.error(at, "iozone dir: expects an absolute path such as '/var/tmp', got " + describe(dir));
    }
    String where = on == null ? Phase.Iozone.ALL : on;
    String scratch = dir == null ? Phase.Iozone.DIR : dir;
    phases.add(() -> new Phase.Iozone(file, record, tests, where, scratch, at));
  }

  private Size size(SourceRef at, String option, Object v) {
    if (v instanceof Size s && s.bytes() > 0) return s;
    ev.error(
        at, "iozone " + option + ": expects a positive size such as 512.mb, got " + describe(v));
    return null;
  }

  List<Phase> build() {
    List<Phase> out = new ArrayList<>();
    for (Supplier<Phase> p : phases) out.add(p.get());
    return out;
  }
}
