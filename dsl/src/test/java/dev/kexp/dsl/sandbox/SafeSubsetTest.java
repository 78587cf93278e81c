package dev.kexp.dsl.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kexp.dsl.check.Problem;
import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeSubsetTest {

  static final String FILE = "test.kexp";

  static final String EXAMPLE =
      """
      def distros = [kubeadm, k3s, microk8s, k0s]
      def users = 20000
      experiment 'kubernetes-distributions' {
          description "Kubeadm, K3s, MicroK8s and K0s: ${distros.size()} distributions"
          cluster {
              master  'node0.example.org'
              workers 'node1', 'node2', 'node3'
              ssh user: 'ubuntu', key: '~/.ssh/id_ed25519', port: 22
              hypervisor xen, mode: PV
              distro k3s, version: '1.27.2'
              for (w in ['node5', 'node6']) { workers w }
          }
          workload openfaas(version: '0.26.4', maxReplicas: 5) {
              function 'factorial', image: 'example/factorial:1.0', body: '500'
          }
          load { target workload; method 'POST'; timeout 30.s }
          metrics { prometheus 'http://node0:30090', queries: [cpu: 'sum(rate(x[1m]))'] }
          phases {
              install
              ramp 0..users over 30.min
              steps 1, 25, 50, 100, 150, 200 each 1.min
              hold users / 100 over 5.min
              [1, 2].each { n -> idle n.min }
              apply deployment('nginx', image: 'nginx:1.14.2', replicas: 3)
              sysbench 'oltp_read_write', threads: (1..5).collect { it * 25 }, duration: 60.s
              iozone file: 512.mb, record: 2.mb
          }
          repeat 10, pause: 5.min
          matrix distro: distros
          matrix { cell('PV') { cluster { master 'pv-vm'; hypervisor xen, mode: PV } } }
          thresholds { breakpoint errors: 5.percent, over: 10.s }
          report 'html', 'csv'
      }
      """;

  static CompilerConfiguration sandbox(Duration limit) {
    return SafeSubset.configure(new CompilerConfiguration(), FILE, limit);
  }

  /** Compiles (to class generation) with the sandbox; the problems the compilation failed with. */
  static List<Problem> compile(String source) {
    CompilationUnit unit = new CompilationUnit(sandbox(Duration.ofSeconds(5)));
    unit.addSource(FILE, source);
    try {
      unit.compile(Phases.CLASS_GENERATION);
      return List.of();
    } catch (CompilationFailedException e) {
      return SafeSubset.problems(e, FILE);
    }
  }

  static List<Problem> compileWith(CompilerConfiguration config, String source) {
    CompilationUnit unit = new CompilationUnit(config);
    unit.addSource(FILE, source);
    try {
      unit.compile(Phases.CLASS_GENERATION);
      return List.of();
    } catch (CompilationFailedException e) {
      return SafeSubset.problems(e, FILE);
    }
  }

  /** Direct use: compile to CANONICALIZATION without the checker customizer, then check(). */
  static List<Problem> checkDirectly(String source) {
    CompilerConfiguration config = new CompilerConfiguration();
    config.setDisabledGlobalASTTransformations(Set.of(SafeSubset.GRAB_TRANSFORM));
    config.addCompilationCustomizers(AnnotationGuard.customizer());
    CompilationUnit unit = new CompilationUnit(config);
    SourceUnit su = unit.addSource(FILE, source);
    unit.compile(Phases.CANONICALIZATION);
    return SafeSubset.check(su);
  }

  static List<String> texts(List<Problem> problems) {
    return problems.stream().map(Problem::toString).toList();
  }

  @Test
  void theExampleExperimentPassesTheSandbox() {
    assertEquals(List.of(), texts(compile(EXAMPLE)));
    assertEquals(List.of(), texts(checkDirectly(EXAMPLE)));
  }

  @Test
  void allowedOddsAndEnds() {
    String source =
        """
        def f = { x -> x * 2 }
        f(1)
        var q = 1
        int i = 2
        String s = 'a' as String
        Map<String, List<Integer>> m = [a: [1]]
        def (a, b) = [1, 2]
        for (String w in ['a', 'b']) { node w }
        switch (i) { case 1: node 'x'; break; default: node 'y' }
        assert i == 2
        def t = i > 1 ? 'big' : 'small'
        def u = t ?: 'none'
        def parts = 'a,b'.tokenize(',').collect { it.toUpperCase() }.join('-')
        def l = (1..10).step(2).findAll { it % 3 != 0 }.sum()
        m['a'] = [2]
        m.a << 3
        3.times { idx -> node "n$idx" }
        """;
    assertEquals(List.of(), texts(compile(source)));
  }

  static Stream<Arguments> forbidden() {
    return Stream.of(
        Arguments.of("import java.io.File", "1:1: imports are not allowed in a .kexp file"),
        Arguments.of(
            "node 'a'\nimport static java.lang.Math.max",
            "2:1: imports are not allowed in a .kexp file"),
        Arguments.of(
            "x = new File('/etc/passwd').text",
            "1:5: 'new' is not allowed: a .kexp file describes an experiment and cannot create"
                + " objects"),
        Arguments.of("System.exit(0)", "1:1: class 'System' cannot be used in a .kexp file"),
        Arguments.of(
            "def r = Runtime.getRuntime()", "1:9: class 'Runtime' cannot be used in a .kexp file"),
        Arguments.of("'ls'.execute()", "1:6: method 'execute' is not allowed in a .kexp file"),
        Arguments.of(
            "\"${'exe'+'cute'}\"()",
            "1:1: dynamic method names are not allowed in a .kexp file: write the method name"
                + " literally"),
        Arguments.of(
            "x.\"$name\"()",
            "1:3: dynamic method names are not allowed in a .kexp file: write the method name"
                + " literally"),
        Arguments.of(
            "'java.lang.Runtime' as Class",
            "1:24: coercion 'as Class' is not allowed in a .kexp file: only int, long, double,"
                + " boolean, String, Integer, Long, Double, BigDecimal, List, Map or def are"
                + " allowed"),
        Arguments.of(
            "Class c = 'java.lang.Runtime'",
            "1:1: type 'Class' is not allowed for a variable in a .kexp file: use int, long,"
                + " double, boolean, String, Integer, Long, Double, BigDecimal, List, Map or def"),
        Arguments.of(
            "def f = { Class k -> k }",
            "1:11: type 'Class' is not allowed for a closure parameter in a .kexp file: use int,"
                + " long, double, boolean, String, Integer, Long, Double, BigDecimal, List, Map or"
                + " def"),
        Arguments.of(
            "(Class) x",
            "1:2: cast to 'Class' is not allowed in a .kexp file: only int, long, double,"
                + " boolean, String, Integer, Long, Double, BigDecimal, List, Map or def are"
                + " allowed"),
        Arguments.of(
            "@Grab('org.example:evil:1.0')\ndef x = 1",
            "1:1: annotation '@Grab' is not allowed in a .kexp file: annotations change how the"
                + " file is compiled (e.g. @Grab downloads code), remove it"),
        Arguments.of(
            "node 'a'\nclass Foo {}",
            "2:1: class declarations are not allowed in a .kexp file: describe the experiment"
                + " with maps, lists and closures instead"),
        Arguments.of(
            "enum E { A }",
            "1:1: enum declarations are not allowed in a .kexp file: describe the experiment"
                + " with maps, lists and closures instead"),
        Arguments.of(
            "trait T {}",
            "1:1: trait declarations are not allowed in a .kexp file: describe the experiment"
                + " with maps, lists and closures instead"),
        Arguments.of(
            "def m() { 1 }",
            "1:1: method declarations are not allowed in a .kexp file: use a closure instead,"
                + " e.g. def m = { x -> ... }"),
        Arguments.of(
            "while (true) {}",
            "1:1: 'while' loops are not allowed: use for (x in list) or list.each { }"),
        Arguments.of(
            "do { node 'a' } while (true)",
            "1:1: 'do ... while' loops are not allowed: use for (x in list) or list.each { }"),
        Arguments.of(
            "for (int i = 0; i < 3; i++) { node 'a' }",
            "1:1: classic 'for (;;)' loops are not allowed: use for (x in list) or list.each { }"),
        Arguments.of("x.@f", "1:1: attribute access '.@f' is not allowed in a .kexp file: use x.f"),
        Arguments.of(
            "x.&m",
            "1:1: method pointer '.&m' is not allowed in a .kexp file: use a closure, e.g. { x ->"
                + " value.m(x) }"),
        Arguments.of(
            "x::m",
            "1:1: method reference '::m' is not allowed in a .kexp file: use a closure, e.g. { x"
                + " -> value.m(x) }"),
        Arguments.of("evaluate('1 + 1')", "1:1: method 'evaluate' is not allowed in a .kexp file"),
        Arguments.of("println 'x'", "1:1: method 'println' is not allowed in a .kexp file"),
        Arguments.of("getBinding()", "1:1: method 'getBinding' is not allowed in a .kexp file"),
        Arguments.of(
            "cluster { with { x } }", "1:11: method 'with' is not allowed in a .kexp file"),
        Arguments.of(
            "def c = {}\nc.delegate", "2:3: property 'delegate' is not allowed in a .kexp file"),
        Arguments.of("cluster { owner }", "1:11: variable 'owner' is not allowed in a .kexp file"),
        Arguments.of("binding.variables", "1:1: variable 'binding' is not allowed in a .kexp file"),
        Arguments.of("x['class'].forName", "1:3: property 'class' is not allowed in a .kexp file"),
        Arguments.of(
            "x.\"$y\"",
            "1:3: dynamic property names are not allowed in a .kexp file: write the property"
                + " name literally"),
        Arguments.of("Thread.sleep(10)", "1:1: class 'Thread' cannot be used in a .kexp file"),
        Arguments.of(
            "node System.getenv('HOME')", "1:6: class 'System' cannot be used in a .kexp file"),
        Arguments.of("def pi = Math.PI", "1:10: class 'Math' cannot be used in a .kexp file"),
        Arguments.of(
            "try { node 'a' } catch (e) { }",
            "1:1: 'try'/'catch' is not allowed in a .kexp file: a .kexp file only describes an"
                + " experiment, problems are reported by the checker"),
        Arguments.of(
            "throw x",
            "1:1: 'throw' is not allowed in a .kexp file: a .kexp file only describes an"
                + " experiment, problems are reported by the checker"),
        Arguments.of(
            "synchronized (x) { }",
            "1:1: 'synchronized' is not allowed in a .kexp file: remove it, a .kexp file runs on"
                + " one thread"),
        Arguments.of(
            "def m = [*:x]",
            "1:10: spread map '*:' is not allowed in a .kexp file: write the entries out or add"
                + " maps with +"),
        Arguments.of(
            "def a = new int[3]",
            "1:9: 'new' is not allowed: a .kexp file describes an experiment and cannot create"
                + " objects"),
        Arguments.of(
            "package evil\nnode 'a'",
            "1:1: 'package' declarations are not allowed in a .kexp file: remove the package"
                + " line"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forbidden")
  void eachForbiddenConstructIsReportedWhereItIs(String source, String expected) {
    assertEquals(List.of(FILE + ":" + expected), texts(compile(source)));
    assertEquals(List.of(FILE + ":" + expected), texts(checkDirectly(source)));
  }

  @Test
  void thisClassClassLoaderReportsEveryStep() {
    assertEquals(
        List.of(
            FILE
                + ":1:1: 'this' is not allowed in a .kexp file: write the dsl keyword directly,"
                + " e.g. cluster { } instead of this.cluster { }",
            FILE + ":1:6: property 'class' is not allowed in a .kexp file",
            FILE + ":1:12: property 'classLoader' is not allowed in a .kexp file"),
        texts(compile("this.class.classLoader")));
  }

  @Test
  void aFileWithThreeViolationsReportsAllThree() {
    String source =
        """
        experiment 'x' {
            cluster { master System.getenv('HOST') }
            phases { [1, 2].each { n -> 'rm -rf /'.execute() } }
            while (true) { }
        }
        """;
    List<String> expected =
        List.of(
            FILE + ":2:22: class 'System' cannot be used in a .kexp file",
            FILE + ":3:44: method 'execute' is not allowed in a .kexp file",
            FILE + ":4:5: 'while' loops are not allowed: use for (x in list) or list.each { }");
    assertEquals(expected, texts(compile(source)));
    assertEquals(expected, texts(checkDirectly(source)));
  }

  @Test
  void executeReallyRunsWithoutTheSandboxAndIsRejectedWithIt() {
    String source = "'echo kexp-sandbox'.execute().text.trim()";
    assertEquals("kexp-sandbox", new GroovyShell().evaluate(source));

    GroovyShell sandboxed = new GroovyShell(new Binding(), sandbox(Duration.ofSeconds(5)));
    CompilationFailedException e =
        assertThrows(CompilationFailedException.class, () -> sandboxed.evaluate(source, FILE));
    assertEquals(
        List.of(FILE + ":1:21: method 'execute' is not allowed in a .kexp file"),
        texts(SafeSubset.problems(e, FILE)));
  }

  @Test
  void compileTimeAnnotationsNeverRunUnderTheSandbox() {
    String key = "kexp.sandbox.asttest." + System.nanoTime();
    String source =
        "@groovy.transform.ASTTest(value = { System.setProperty('"
            + key
            + "', 'ran') })\ndef x = 1";
    // Without the sandbox, merely compiling the file runs the closure.
    new GroovyShell().parse(source);
    assertEquals("ran", System.clearProperty(key));

    assertEquals(
        List.of(
            FILE
                + ":1:1: annotation '@ASTTest' is not allowed in a .kexp file: annotations change"
                + " how the file is compiled (e.g. @Grab downloads code), remove it"),
        texts(compile(source)));
    assertNull(System.getProperty(key));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cluster { @A def x = 1 }",
        "def f = { @A y -> y }",
        "def f = (@A y) -> y",
        "for (@A y in [1]) { }",
        "@A\nimport java.io.File",
        "class Foo { @A def m(@A p) { @A def z = 1 } }",
        "def m(@A p) { }"
      })
  void annotationsAnywhereAreStrippedBeforeTheyRun(String template) {
    String key = "kexp.sandbox.asttest." + System.nanoTime();
    String annotation =
        "@groovy.transform.ASTTest(value = { System.setProperty('" + key + "', 'ran') })";
    List<Problem> problems = compile(template.replace("@A", annotation));
    assertNull(System.clearProperty(key), "the @ASTTest closure ran");
    assertTrue(
        problems.stream().anyMatch(p -> p.message().startsWith("annotation '@ASTTest'")),
        problems.toString());
  }

  @Test
  void grabIsDisabled() {
    CompilerConfiguration config = sandbox(null);
    assertTrue(config.getDisabledGlobalASTTransformations().contains(SafeSubset.GRAB_TRANSFORM));
    String source = "@Grab('org.example:does-not-exist:0.0.1')\nimport java.io.File\nnode 'a'";
    // Without the sandbox the Grab transform tries to resolve the dependency while compiling.
    assertThrows(Throwable.class, () -> new GroovyShell().parse(source));
    assertEquals(
        List.of(
            FILE
                + ":1:1: annotation '@Grab' is not allowed in a .kexp file: annotations change how"
                + " the file is compiled (e.g. @Grab downloads code), remove it",
            FILE + ":1:1: imports are not allowed in a .kexp file"),
        texts(compile(source)));
  }

  @Test
  void computedSubscriptKeysAreCheckedAtRunTime() {
    String escape = "def k = 'cla' + 'ss'\n'x'[k]";
    // Without the sandbox a computed key reads any property, here String.class.
    assertEquals(String.class, new GroovyShell().evaluate(escape));

    GroovyShell shell = new GroovyShell(new Binding(), sandbox(Duration.ofSeconds(5)));
    for (String source :
        List.of(
            escape,
            "def k = 'metaClass'\n'x'.getAt(k)",
            "def k = 'class'\n[1].get(k)",
            "def k = ['class']\n[a: 1][k]")) {
      SecurityException e =
          assertThrows(SecurityException.class, () -> shell.evaluate(source, FILE), source);
      assertTrue(e.getMessage().endsWith("is not allowed in a .kexp file"), e.getMessage());
    }
    // Ordinary computed keys still work, and the guard itself is not reported.
    assertEquals(
        List.of(2, "b", 3),
        shell.evaluate(
            "def m = [a: 1]\ndef k = 'a'\nm[k] = 2\ndef l = ['a', 'b']\ndef i = 1\n"
                + "[m.get(k), l[i], m.getAt(k) + 1]",
            FILE));
  }

  @Test
  void existingCustomizersRunAfterTheChecker() {
    CompilerConfiguration base = new CompilerConfiguration();
    base.addCompilationCustomizers(
        new org.codehaus.groovy.control.customizers.ImportCustomizer().addImports("java.io.File"));
    SafeSubset.configure(base, FILE, Duration.ofSeconds(1));
    assertEquals(5, base.getCompilationCustomizers().size());
    assertInstanceOf(
        org.codehaus.groovy.control.customizers.ImportCustomizer.class,
        base.getCompilationCustomizers().get(2));
    // The customizer's import is added after the file is checked, so it is not reported.
    assertEquals(List.of(), texts(compileWith(base, "node 'a'")));
    assertEquals(
        List.of(FILE + ":1:1: class 'File' cannot be used in a .kexp file"),
        texts(compileWith(base, "File")));
  }

  @Test
  void aLongLoopIsStoppedByTheTimedInterrupt() {
    Duration limit = Duration.ofSeconds(5);
    GroovyShell shell = new GroovyShell(new Binding(), sandbox(limit));
    shell.evaluate("def warmUp = 1", FILE);
    long start = System.nanoTime();
    Throwable thrown = null;
    try {
      shell.evaluate("for (i in 0..2000000000) { }", FILE);
      fail("the loop should have been interrupted");
    } catch (Throwable t) {
      thrown = t;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertInstanceOf(TimeoutException.class, thrown);
    assertTrue(SafeSubset.isTimeout(thrown));
    assertTrue(took.compareTo(Duration.ofMillis(6500)) < 0, "took " + took);
    assertTrue(took.compareTo(Duration.ofMillis(4500)) > 0, "took " + took);
    assertEquals("the file took longer than 5 s to evaluate", SafeSubset.timeoutMessage(limit));
  }

  @Test
  void closureLoopsAreInterruptedToo() {
    GroovyShell shell = new GroovyShell(new Binding(), sandbox(Duration.ofMillis(500)));
    Throwable t =
        assertThrows(
            Throwable.class, () -> shell.evaluate("(1..2000000000).each { x -> x + 1 }", FILE));
    assertTrue(SafeSubset.isTimeout(t), String.valueOf(t));
    assertEquals(
        "the file took longer than 500 ms to evaluate",
        SafeSubset.timeoutMessage(Duration.ofMillis(500)));
  }

  @Test
  void anInterruptedThreadStopsTheScript() throws Exception {
    GroovyShell shell = new GroovyShell(new Binding(), sandbox(Duration.ofMinutes(1)));
    Script script = shell.parse("for (i in 0..2000000000) { }", FILE);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                script.run();
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    worker.start();
    Thread.sleep(200);
    worker.interrupt();
    worker.join(5000);
    assertNotNull(failure.get(), "the script should have stopped");
    assertInstanceOf(InterruptedException.class, failure.get());
  }
}
