package dev.kexp.dsl;

import dev.kexp.dsl.check.Suggest;
import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.internal.Keywords;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.spec.ExperimentSpec;
import dev.kexp.dsl.spec.Word;
import dev.kexp.dsl.vocabulary.Block;
import groovy.lang.Closure;
import groovy.lang.Script;
import java.util.ArrayList;
import java.util.List;

/** The base class of every .kexp script: its one top-level keyword is {@code experiment}. */
public abstract class KexpScript extends Script {
  private Evaluation ev;
  private final List<ExperimentSpec> experiments = new ArrayList<>();

  void bind(Evaluation evaluation) {
    this.ev = evaluation;
    evaluation.script(this);
  }

  Evaluation ev() {
    return ev;
  }

  List<ExperimentSpec> experiments() {
    return experiments;
  }

  public void experiment(String name, Closure<?> body) {
    SourceRef at = ev.here("experiment");
    ExperimentSpec spec = new ExperimentSpec(ev, name, at);
    if (!experiments.isEmpty()) {
      ev.error(at, "a .kexp file holds one experiment; move '" + name + "' to a file of its own");
    }
    experiments.add(spec);
    Closure<?> c = body.rehydrate(spec, spec, spec);
    c.setResolveStrategy(Closure.DELEGATE_ONLY);
    c.call();
  }

  public Object methodMissing(String name, Object args) {
    ev.error(
        ev.here(name),
        "unknown keyword '" + name + "'" + Suggest.didYouMean(name, Keywords.calls(Block.TOP)));
    return null;
  }

  @Override
  public Object getProperty(String name) {
    if (Evaluation.isGenerated(name)) return super.getProperty(name);
    if (getBinding().hasVariable(name)) return getBinding().getVariable(name);
    if (!Keywords.values().contains(name)) {
      ev.error(
          ev.here(name),
          "unknown word '" + name + "'" + Suggest.didYouMean(name, Keywords.values()));
    }
    return new Word(name);
  }
}
