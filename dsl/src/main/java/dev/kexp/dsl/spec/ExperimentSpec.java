package dev.kexp.dsl.spec;

import dev.kexp.dsl.check.Messages;
import dev.kexp.dsl.check.Suggest;
import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.internal.Keywords;
import dev.kexp.dsl.model.Breakpoint;
import dev.kexp.dsl.model.Cell;
import dev.kexp.dsl.model.Cluster;
import dev.kexp.dsl.model.Deployment;
import dev.kexp.dsl.model.EmbeddedFunction;
import dev.kexp.dsl.model.Experiment;
import dev.kexp.dsl.model.Load;
import dev.kexp.dsl.model.Metrics;
import dev.kexp.dsl.model.Mysql;
import dev.kexp.dsl.model.OpenFaas;
import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.Repeat;
import dev.kexp.dsl.model.ReportFormat;
import dev.kexp.dsl.model.ReportLayout;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.model.Workload;
import dev.kexp.dsl.vocabulary.Block;
import dev.kexp.stdlib.workload.OpenFaasCharts;
import groovy.lang.Closure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code experiment 'name' { ... }}: the top block, building the whole {@link Experiment}. */
public final class ExperimentSpec extends Spec {
  private final String name;
  private final SourceRef at;
  private String description = "";
  private ClusterSpec cluster;
  private Workload workload;
  private LoadSpec load;
  private MetricsSpec metrics;
  private PhasesSpec phases;
  private PhasesSpec setup;
  private PhasesSpec teardown;
  private Repeat repeat = Repeat.once();
  private final List<MatrixSpec.Draft> cells = new ArrayList<>();
  private final ThresholdsSpec thresholds;
  private final List<ReportFormat> reports = new ArrayList<>();
  private ReportLayout layout = ReportLayout.DEFAULTS;

  public ExperimentSpec(Evaluation ev, String name, SourceRef at) {
    super(ev, Block.EXPERIMENT);
    this.name = name;
    this.at = at;
    this.thresholds = new ThresholdsSpec(ev);
  }

  public void description(Object text) {
    description = string("description", "", text);
  }

  public void cluster(Closure<?> body) {
    if (cluster != null)
      ev.error(
          ev.here("cluster"), "only one cluster block is allowed; use matrix cells to vary it");
    cluster = run(body, new ClusterSpec(ev, ev.here("cluster")));
  }

  public void workload(Object w) {
    SourceRef here = ev.here("workload");
    if (workload != null) ev.error(here, "only one workload is allowed");
    if (w instanceof Workload wl) workload = wl;
    else
      ev.error(
          here,
          "workload expects openfaas(...), function(...), deployment(...) or mysql(...), got "
              + describe(w));
  }

  public OpenFaas openfaas(Map<String, Object> args, Closure<?> body) {
    onlyKeys("openfaas", args, keys("version", "maxReplicas", "helm"));
    SourceRef here = ev.here("openfaas");
    String version =
        args.containsKey("version") ? string("openfaas", "version", args.get("version")) : "0.26.4";
    Integer max =
        args.containsKey("maxReplicas")
            ? integer("openfaas", "maxReplicas", args.get("maxReplicas"))
            : Integer.valueOf(5);
    if (max != null && max < 1)
      ev.error(here, "openfaas maxReplicas: must be at least 1, got " + max);
    // The first seed installed OpenFaaS with Helm 3.11.0; a default keeps runs alike.
    String helm =
        args.containsKey("helm") ? string("openfaas", "helm", args.get("helm")) : "3.11.0";
    if (helm != null && !helm.matches("\\d+\\.\\d+\\.\\d+"))
      ev.error(
          here,
          "openfaas helm: expects a Helm release such as '3.11.0' (no leading v), got '"
              + helm
              + "'");
    if (version != null && OpenFaasCharts.forGateway(version).isEmpty())
      ev.warning(
          here,
          "openfaas version '"
              + version
              + "' has no verified Helm chart in kexp, so each run installs the newest chart with"
              + " the gateway image pinned (known: "
              + OpenFaasCharts.known()
              + ")");
    OpenFaasSpec spec = run(body, new OpenFaasSpec(ev));
    if (spec.build().isEmpty())
      ev.error(
          here,
          "openfaas needs at least one function: openfaas(...) { function 'factorial', image: '...' }");
    return new OpenFaas(version, max == null ? 5 : max, helm, spec.build(), here);
  }

  public OpenFaas openfaas(Map<String, Object> args) {
    return openfaas(args, null);
  }

  public OpenFaas openfaas(Closure<?> body) {
    return openfaas(Map.of(), body);
  }

  public EmbeddedFunction function(Map<String, Object> args, String fname) {
    onlyKeys("function", args, keys("arg"));
    Integer arg =
        args.containsKey("arg")
            ? integer("function", "arg", args.get("arg"))
            : Integer.valueOf(500);
    SourceRef here = ev.here("function");
    if (!fname.equals("factorial")) {
      ev.error(
          here, "the embedded function '" + fname + "' does not exist; kexp serves 'factorial'");
    }
    if (arg != null && (arg < 0 || arg > 100_000))
      ev.error(here, "function arg: must be between 0 and 100000, got " + arg);
    return new EmbeddedFunction(fname, arg == null ? 500 : arg, here);
  }

  public EmbeddedFunction function(String fname) {
    return function(Map.of(), fname);
  }

  public Deployment deployment(Map<String, Object> args, String dname) {
    Deployment d = Workloads.deployment(this, ev, args, dname);
    if (d.image() == null)
      ev.error(
          d.at(),
          "deployment '"
              + dname
              + "' needs an image: deployment('"
              + dname
              + "', image: 'nginx:1.14.2')");
    return d;
  }

  public Deployment deployment(String dname) {
    return deployment(Map.of(), dname);
  }

  public Mysql mysql(Map<String, Object> args) {
    onlyKeys("mysql", args, keys("version"));
    String version =
        args.containsKey("version") ? string("mysql", "version", args.get("version")) : "8.0";
    return new Mysql(version, ev.here("mysql"));
  }

  public Mysql mysql() {
    return mysql(Map.of());
  }

  public void load(Closure<?> body) {
    load = run(body, new LoadSpec(ev, ev.here("load")));
  }

  public void metrics(Closure<?> body) {
    metrics = run(body, new MetricsSpec(ev, ev.here("metrics")));
  }

  public void phases(Closure<?> body) {
    if (phases != null) ev.error(ev.here("phases"), "only one phases block is allowed");
    phases = run(body, new PhasesSpec(ev));
  }

  /** {@code setup { install }}: phases run once per matrix cell, before its first repetition. */
  public void setup(Closure<?> body) {
    if (setup != null) ev.error(ev.here("setup"), "only one setup block is allowed");
    setup = run(body, new PhasesSpec(ev));
  }

  /** {@code teardown { uninstall }}: phases run once per matrix cell, after its last repetition. */
  public void teardown(Closure<?> body) {
    if (teardown != null) ev.error(ev.here("teardown"), "only one teardown block is allowed");
    teardown = run(body, new PhasesSpec(ev));
  }

  public void thresholds(Closure<?> body) {
    run(body, thresholds);
  }

  public void repeat(Object times) {
    repeat(Map.of(), times);
  }

  public void repeat(Map<String, Object> args, Object times) {
    onlyKeys("repeat", args, keys("pause"));
    SourceRef here = ev.here("repeat");
    Integer n = integer("repeat", "times", times);
    if (n != null && n < 1) ev.error(here, "repeat must be at least 1, got " + n);
    Duration pause =
        args.containsKey("pause") ? duration("repeat", "pause", args.get("pause")) : Duration.ZERO;
    if (pause != null && pause.isNegative())
      ev.error(here, "repeat pause: cannot be negative, got " + describe(pause));
    repeat = new Repeat(n == null || n < 1 ? 1 : n, pause == null ? Duration.ZERO : pause, here);
  }

  /** {@code matrix runtime: [docker, containerd], distro: [k3s, k0s]}: the cartesian product. */
  public void matrix(Map<String, Object> settings) {
    SourceRef here = ev.here("matrix");
    List<Map<String, String>> product = new ArrayList<>();
    product.add(new LinkedHashMap<>());
    for (Map.Entry<String, Object> e : settings.entrySet()) {
      String key = e.getKey();
      if (!Keywords.MATRIX_SETTINGS.contains(key)) {
        ev.error(here, Messages.notASetting(key, Keywords.MATRIX_SETTINGS));
        continue;
      }
      List<String> values = new ArrayList<>();
      Iterable<?> items = e.getValue() instanceof Iterable<?> it ? it : List.of(e.getValue());
      List<String> allowed = Keywords.valuesFor(key).orElseThrow();
      for (Object item : items) {
        String w = text("matrix", item);
        if (w == null) continue;
        if (!allowed.contains(w)) {
          ev.error(here, Messages.unknown(Keywords.kindOf(key), w, allowed));
          continue;
        }
        values.add(w);
      }
      if (values.isEmpty()) {
        ev.error(here, "matrix " + key + ": needs at least one value");
        continue;
      }
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : product) {
        for (String v : values) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(key, v);
          next.add(m);
        }
      }
      product = next;
    }
    for (Map<String, String> combo : product) {
      if (!combo.isEmpty())
        cells.add(new MatrixSpec.Draft(String.join("-", combo.values()), combo, here, List.of()));
    }
  }

  public void matrix(Closure<?> body) {
    cells.addAll(run(body, new MatrixSpec(ev)).build());
  }

  /**
   * {@code report 'html', align: 'ramp', reference: 'published.csv'}: the formats with the layout's
   * options.
   */
  public void report(Map<String, Object> options, Object... formats) {
    SourceRef here = ev.here("report");
    List<String> known = List.of("align", "reference");
    String align = null;
    String reference = null;
    for (Map.Entry<String, Object> o : options.entrySet()) {
      switch (o.getKey()) {
        case "align" -> align = text("report", o.getValue());
        case "reference" -> {
          reference = text("report", o.getValue());
          if (reference != null && !reference.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            ev.error(
                here,
                "report reference '"
                    + reference
                    + "': expects a CSV file relative to the .kexp (columns metric, cell, phase,"
                    + " role, value, sd), e.g. reference: 'published.csv'");
          }
        }
        default ->
            ev.error(
                here,
                "unknown report option '"
                    + o.getKey()
                    + "'"
                    + Suggest.didYouMean(o.getKey(), known)
                    + " (options are align: 'PHASE' and reference: 'FILE.csv')");
      }
    }
    layout = new ReportLayout(align, reference, here);
    report(formats);
  }

  public void report(Object... formats) {
    SourceRef here = ev.here("report");
    List<String> known = Arrays.stream(ReportFormat.values()).map(ReportFormat::word).toList();
    for (Object f : formats) {
      String word = text("report", f);
      if (word == null) continue;
      if (!known.contains(word.toLowerCase(Locale.ROOT))) {
        ev.error(
            here,
            "unknown report format '"
                + word
                + "'"
                + Suggest.didYouMean(word, known)
                + " (formats are "
                + String.join(", ", known)
                + ")");
      } else {
        reports.add(ReportFormat.valueOf(word.toUpperCase(Locale.ROOT)));
      }
    }
  }

  /** The layout, once its {@code align:} is checked against the phases that repeat. */
  private ReportLayout alignedTo(ReportLayout layout, List<Phase> phaseList) {
    if (layout.align() == null) return layout;
    List<String> words = phaseList.stream().map(Phase::word).distinct().toList();
    if (!words.contains(layout.align())) {
      ev.error(
          layout.at(),
          "report align: '"
              + layout.align()
              + "' is not a phase of this experiment"
              + Suggest.didYouMean(layout.align(), words)
              + " (its phases are "
              + String.join(", ", words)
              + ")");
    }
    return layout;
  }

  /** Builds the model; problems found on the way are in the evaluation. */
  public Experiment build() {
    if (cluster == null) {
      ev.error(
          at,
          "experiment '"
              + name
              + "' has no cluster: add cluster { local } to run on this machine, or cluster { master '...'; distro k3s }");
    }
    if (phases == null) {
      ev.error(
          at, "experiment '" + name + "' has no phases: add phases { ramp 0..100 over 1.min }");
    }
    // With a matrix, the base cluster need not be whole: each cell's cluster, as merged, is
    // checked at the cell's line.
    Cluster base = cluster == null ? null : cluster.build(cells.isEmpty());
    List<Cell> built = new ArrayList<>();
    if (cells.isEmpty()) {
      built.add(new Cell(name, Map.of(), base, at));
    } else if (cluster != null) {
      for (MatrixSpec.Draft d : cells) {
        ClusterSpec copy = cluster.copy();
        copy.cell(d.name(), d.at());
        d.settings().forEach((k, v) -> copy.set(k, v, d.at()));
        for (Closure<?> c : d.clusters()) run(c, copy);
        built.add(new Cell(d.name(), d.settings(), copy.build(), d.at()));
      }
    }
    List<Phase> phaseList = phases == null ? List.of() : phases.build();
    Load l = load == null ? Load.defaults() : load.build();
    Metrics m = metrics == null ? Metrics.none() : metrics.build();
    List<Breakpoint> bps = thresholds.build();
    List<ReportFormat> formats =
        reports.isEmpty()
            ? List.of(ReportFormat.HTML, ReportFormat.CSV, ReportFormat.JSON)
            : reports;
    return new Experiment(
        name,
        description,
        ev.displayName(),
        base,
        workload,
        l,
        m,
        phaseList,
        setup == null ? List.of() : setup.build(),
        teardown == null ? List.of() : teardown.build(),
        repeat,
        built,
        bps,
        formats,
        alignedTo(layout, phaseList),
        at);
  }
}
