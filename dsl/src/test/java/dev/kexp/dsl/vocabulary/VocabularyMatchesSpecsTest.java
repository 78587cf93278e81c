package dev.kexp.dsl.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.spec.ClusterSpec;
import dev.kexp.dsl.spec.ExperimentSpec;
import dev.kexp.dsl.spec.LoadSpec;
import dev.kexp.dsl.spec.MatrixSpec;
import dev.kexp.dsl.spec.MetricsSpec;
import dev.kexp.dsl.spec.OpenFaasSpec;
import dev.kexp.dsl.spec.PhasesSpec;
import dev.kexp.dsl.spec.Spec;
import dev.kexp.dsl.spec.ThresholdsSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The vocabulary and the delegates that evaluate each block must name the same keywords. */
class VocabularyMatchesSpecsTest {
  /** The delegate of each block a file's closures run against. */
  private static final Map<Block, Class<? extends Spec>> SPECS =
      Map.of(
          Block.EXPERIMENT, ExperimentSpec.class,
          Block.CLUSTER, ClusterSpec.class,
          Block.OPENFAAS, OpenFaasSpec.class,
          Block.LOAD, LoadSpec.class,
          Block.METRICS, MetricsSpec.class,
          Block.PHASES, PhasesSpec.class,
          Block.MATRIX, MatrixSpec.class,
          Block.CELL, MatrixSpec.CellSpec.class,
          Block.THRESHOLDS, ThresholdsSpec.class);

  /** Public methods of a delegate that are machinery, not keywords. */
  private static final Set<String> NOT_KEYWORDS =
      Set.of("propertyMissing", "methodMissing", "build", "getProperty", "setProperty");

  @Test
  void everyBlockWithKeywordsHasADelegate() {
    for (Block b : Block.values()) {
      if (b == Block.TOP || b == Block.PROMPT) continue; // script base classes, not delegates
      assertTrue(SPECS.containsKey(b), b + " has no Spec in this test's table");
    }
  }

  @Test
  void everySpecMethodIsAKeywordOfItsBlockAndEveryKeywordIsAMethod() {
    for (var e : SPECS.entrySet()) {
      Block block = e.getKey();
      Set<String> methods = keywordMethods(e.getValue());
      Set<String> calls =
          Vocabulary.of(block).stream()
              .filter(k -> k.form().callable())
              .map(Keyword::word)
              .collect(Collectors.toCollection(TreeSet::new));
      // env() is inherited by every delegate; the vocabulary says where a file may write it.
      if (calls.contains("env")) methods.add("env");
      assertEquals(calls, methods, "keywords of " + block.title() + " vs " + e.getValue());
    }
  }

  @Test
  void chainWordsAreMethodsOfWhatTheirKeywordReturns() throws Exception {
    for (Keyword k : Vocabulary.all()) {
      if (k.chain() == null) continue;
      Class<?> returned =
          Arrays.stream(PhasesSpec.class.getMethods())
              .filter(m -> m.getName().equals(k.word()))
              .findFirst()
              .orElseThrow()
              .getReturnType();
      assertTrue(
          Arrays.stream(returned.getMethods()).anyMatch(m -> m.getName().equals(k.chain())),
          k.word() + " returns " + returned + " which has no '" + k.chain() + "'");
    }
  }

  @Test
  void everyKeywordHasAnExampleThatStartsWithItAndADoc() {
    for (Keyword k : Vocabulary.all()) {
      assertTrue(k.example().contains(k.word()), k.word() + ": example '" + k.example() + "'");
      assertTrue(!k.doc().isBlank(), k.word() + " has no doc");
    }
  }

  private static Set<String> keywordMethods(Class<?> spec) {
    return Arrays.stream(spec.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> !m.isSynthetic() && !m.isBridge())
        .map(Method::getName)
        .filter(n -> !NOT_KEYWORDS.contains(n) && !n.contains("$"))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
