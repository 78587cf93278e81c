package dev.kexp.dsl.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.Kexp;
import dev.kexp.dsl.check.Problem;
import org.junit.jupiter.api.Test;

/** An evaluation that allocates more than its budget is stopped at its line with a clear error. */
class MemoryBudgetTest {
  private static final String HEAD = "experiment 'x' {\n  cluster { local }\n";
  private static final String TAIL =
      "  workload function('factorial', arg: 5)\n  phases { hold 1 over 1.s }\n}\n";

  @Test
  void aHugeStringIsRefusedBeforeItIsAllocated() {
    long before = allocated();
    Kexp.Loaded loaded = Kexp.parse(HEAD + "  description 'x' * 2000000000\n" + TAIL, "big.kexp");
    long used = allocated() - before;
    Problem p = onlyError(loaded);
    assertEquals(3, p.at().line(), p.toString());
    assertTrue(p.message().contains("allocated more than 256 MB"), p.toString());
    assertTrue(used < MemoryBudget.DEFAULT_BYTES, "allocated " + (used >> 20) + " MB");
  }

  @Test
  void aLoopThatKeepsAllocatingIsStoppedAtItsLine() {
    Kexp.Loaded loaded =
        Kexp.parse("def all = (1..100000).collect { 'x' * 1000000 }\n" + HEAD + TAIL, "loop.kexp");
    Problem p = onlyError(loaded);
    assertEquals(1, p.at().line(), p.toString());
    assertTrue(p.message().contains("allocated more than 256 MB"), p.toString());
  }

  @Test
  void smallValuesStillMultiply() {
    Kexp.Loaded loaded =
        Kexp.parse(
            HEAD.replace("cluster", "description 'ab' * 3 + '-'.padLeft(3)\n  cluster")
                + "  repeat 2 * 3\n"
                + TAIL,
            "ok.kexp");
    assertTrue(loaded.errors().isEmpty(), loaded.problems().toString());
    assertNotNull(loaded.experiment());
    assertEquals(6, loaded.experiment().repeat().times());
    assertEquals("ababab  -", loaded.experiment().description());
  }

  private static Problem onlyError(Kexp.Loaded loaded) {
    assertEquals(1, loaded.errors().size(), loaded.problems().toString());
    return loaded.errors().get(0);
  }

  @SuppressWarnings("deprecation")
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean)
            java.lang.management.ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
