package dev.kexp.dsl.sandbox;

import dev.kexp.dsl.vocabulary.Vocabulary;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The sandbox's tables: what a .kexp file may call, read and name. */
final class Policy {
  private Policy() {}

  /** Methods of Groovy's values a file may call (collections, strings, numbers, ranges). */
  private static final Set<String> GROOVY_VALUE_METHODS =
      Set.of(
          "collect",
          "collectEntries",
          "each",
          "eachWithIndex",
          "findAll",
          "find",
          "findIndexOf",
          "any",
          "every",
          "sum",
          "max",
          "min",
          "size",
          "join",
          "sort",
          "reverse",
          "plus",
          "minus",
          "multiply",
          "div",
          "mod",
          "power",
          "contains",
          "containsKey",
          "keySet",
          "values",
          "get",
          "getAt",
          "putAt",
          "toString",
          "toUpperCase",
          "toLowerCase",
          "capitalize",
          "trim",
          "split",
          "tokenize",
          "replace",
          "startsWith",
          "endsWith",
          "indexOf",
          "substring",
          "subList",
          "take",
          "drop",
          "first",
          "last",
          "isEmpty",
          "count",
          "unique",
          "flatten",
          "inject",
          "withIndex",
          "step",
          "upto",
          "downto",
          "times",
          "toInteger",
          "toLong",
          "toDouble",
          "toBigDecimal",
          "intValue",
          "longValue",
          "doubleValue",
          "abs",
          "round",
          "padLeft",
          "padRight",
          "center",
          // calling a closure declared in the file: `def f = { }; f(1)` compiles to f.call(1)
          "call");

  /**
   * Methods callable on a value: Groovy's, and the language's chain words ({@code ramp 0..users
   * over 30.min}, {@code steps 1, 2 each 1.min}), which the vocabulary names.
   */
  static final Set<String> VALUE_METHODS = valueMethods();

  private static Set<String> valueMethods() {
    Set<String> all = new HashSet<>(GROOVY_VALUE_METHODS);
    all.addAll(Vocabulary.chainWords());
    return Set.copyOf(all);
  }

  /**
   * Methods every Groovy script, closure or object has; they are reachable as implicit-this calls
   * and must never be called from a .kexp file. Any other implicit-this call is a dsl keyword,
   * which another component checks against the keyword table.
   */
  static final Set<String> FORBIDDEN_IMPLICIT_METHODS =
      Set.of(
          "evaluate",
          "run",
          "print",
          "println",
          "printf",
          "sleep",
          "getBinding",
          "setBinding",
          "getProperty",
          "setProperty",
          "invokeMethod",
          "getMetaClass",
          "setMetaClass",
          "getClass",
          "use",
          "with",
          "tap",
          "identity",
          "mixin",
          "addShutdownHook",
          "getAt",
          "putAt",
          "wait",
          "notify",
          "notifyAll",
          "dump",
          "inspect",
          "is",
          "respondsTo",
          "hasProperty",
          "getProperties",
          "getMetaPropertyValues",
          "getDelegate",
          "setDelegate",
          "getOwner",
          "getThisObject",
          "setResolveStrategy",
          "rehydrate",
          "dehydrate",
          "asType",
          "metaClass",
          "main");

  /** Properties (and bare variables) that reach the runtime instead of the experiment. */
  static final Set<String> FORBIDDEN_PROPERTIES =
      Set.of(
          "class",
          "metaClass",
          "binding",
          "properties",
          "metaPropertyValues",
          "delegate",
          "owner",
          "thisObject",
          "resolveStrategy",
          "classLoader",
          "contextClassLoader",
          "systemClassLoader",
          "declaredMethods",
          "declaredFields",
          "declaredConstructors",
          "methods",
          "fields",
          "constructors",
          "protectionDomain",
          "superclass",
          "accessible",
          "out",
          "err",
          "in",
          "env");

  /** Types that may appear in casts, {@code as} coercions and declarations (plus def/var). */
  static final Map<String, String> ALLOWED_TYPES =
      Map.ofEntries(
          Map.entry("int", "int"),
          Map.entry("long", "long"),
          Map.entry("double", "double"),
          Map.entry("boolean", "boolean"),
          Map.entry("java.lang.String", "String"),
          Map.entry("java.lang.Integer", "Integer"),
          Map.entry("java.lang.Long", "Long"),
          Map.entry("java.lang.Double", "Double"),
          Map.entry("java.math.BigDecimal", "BigDecimal"),
          Map.entry("java.util.List", "List"),
          Map.entry("java.util.Map", "Map"),
          Map.entry("java.lang.Object", "def"));

  static final String ALLOWED_TYPES_TEXT =
      "int, long, double, boolean, String, Integer, Long, Double, BigDecimal, List, Map or def";

  static final String LOOP_HINT = "use for (x in list) or list.each { }";
}
