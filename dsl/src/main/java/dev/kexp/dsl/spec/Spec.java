package dev.kexp.dsl.spec;

import dev.kexp.dsl.check.Suggest;
import dev.kexp.dsl.internal.Evaluation;
import dev.kexp.dsl.internal.Keywords;
import dev.kexp.dsl.model.Secret;
import dev.kexp.dsl.model.SourceRef;
import dev.kexp.dsl.vocabulary.Block;
import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The delegate of one block. A block's keywords are its public methods; anything else lands in
 * {@link #methodMissing} or {@link #propertyMissing} and becomes a problem with a location, never
 * an exception. Delegates build model records and have no side effects.
 */
public abstract class Spec extends GroovyObjectSupport {
  protected final Evaluation ev;
  private final Block block;

  protected Spec(Evaluation ev, Block block) {
    this.ev = ev;
    this.block = block;
  }

  /** Runs a block's closure against a delegate, and only the delegate. */
  protected static <S extends Spec> S run(Closure<?> body, S delegate) {
    if (body == null) return delegate;
    Closure<?> c = body.rehydrate(delegate, delegate, delegate);
    c.setResolveStrategy(Closure.DELEGATE_ONLY);
    c.call();
    return delegate;
  }

  /**
   * Blocks have no properties, only words: without this, Groovy would read a delegate's private
   * fields for bare words that happen to share their names.
   */
  @Override
  public Object getProperty(String name) {
    if (Evaluation.isGenerated(name)) return ev.generatedProperty(name);
    return propertyMissing(name);
  }

  @Override
  public void setProperty(String name, Object value) {
    propertyMissing(name, value);
  }

  public Object methodMissing(String name, Object args) {
    SourceRef at = ev.here(name);
    ev.error(
        at,
        "unknown keyword '"
            + name
            + "' in "
            + block.title()
            + Suggest.didYouMean(name, Keywords.calls(block)));
    return null;
  }

  public Object propertyMissing(String name) {
    if (Keywords.values().contains(name)) return new Word(name);
    ev.error(
        ev.here(name),
        "unknown word '"
            + name
            + "' in "
            + block.title()
            + Suggest.didYouMean(name, Keywords.values()));
    return new Word(name);
  }

  public void propertyMissing(String name, Object value) {
    ev.error(
        ev.here(name),
        "cannot assign '" + name + "' in " + block.title() + ": use def " + name + " = ...");
  }

  /** {@code env('TOKEN')}: a secret read from the environment when the run needs it. */
  public Secret env(String variable) {
    return Secret.fromEnv(variable);
  }

  // --- argument helpers shared by the blocks ---

  /** Reports named arguments the keyword does not know. */
  protected void onlyKeys(String keyword, Map<?, ?> args, Collection<String> allowed) {
    for (Object key : args.keySet()) {
      String k = String.valueOf(key);
      if (!allowed.contains(k)) {
        ev.error(
            ev.here(keyword),
            keyword
                + " has no option '"
                + k
                + "'"
                + Suggest.didYouMean(k, allowed)
                + " (options: "
                + String.join(", ", allowed)
                + ")");
      }
    }
  }

  protected static List<String> keys(String... keys) {
    return List.of(keys);
  }

  /** The text of a word or string argument, or null (after reporting) for anything else. */
  protected String text(String keyword, Object value) {
    if (value instanceof Word w) return w.text();
    if (value instanceof CharSequence s) return s.toString();
    ev.error(ev.here(keyword), keyword + " expects a word or a string, got " + describe(value));
    return null;
  }

  protected String string(String keyword, String option, Object value) {
    if (value == null) return null;
    if (value instanceof CharSequence || value instanceof Number || value instanceof Word) {
      return value.toString();
    }
    ev.error(
        ev.here(keyword), keyword + " " + option + ": expects a string, got " + describe(value));
    return null;
  }

  protected Integer integer(String keyword, String option, Object value) {
    if (value == null) return null;
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()))
      return n.intValue();
    ev.error(
        ev.here(keyword),
        keyword + " " + option + ": expects a whole number, got " + describe(value));
    return null;
  }

  protected Duration duration(String keyword, String option, Object value) {
    if (value == null) return null;
    if (value instanceof Duration d) return d;
    ev.error(
        ev.here(keyword),
        keyword
            + (option.isEmpty() ? "" : " " + option + ":")
            + " expects a duration such as 30.s or 5.min, got "
            + describe(value));
    return null;
  }

  protected List<Integer> integers(String keyword, String option, Object value) {
    List<Integer> out = new ArrayList<>();
    Iterable<?> items = value instanceof Iterable<?> it ? it : List.of(value);
    for (Object item : items) {
      Integer i = integer(keyword, option, item);
      if (i != null) out.add(i);
    }
    return out;
  }

  protected static String describe(Object value) {
    if (value == null) return "nothing";
    if (value instanceof CharSequence s) return "'" + s + "'";
    if (value instanceof Closure<?>) return "a block { }";
    if (value instanceof Word w) return "'" + w.text() + "'";
    if (value instanceof Duration d) return dev.kexp.dsl.units.Units.format(d);
    return String.valueOf(value);
  }
}
