package dev.kexp.dsl.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.internal.Keywords;
import dev.kexp.dsl.units.Units;
import groovy.lang.GroovyShell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The editor files the build generates name every keyword, bare word and unit, and parse. */
class EditorFilesTest {
  @Test
  void theGeneratedGdslNamesEveryKeywordAndParses() throws IOException {
    String gdsl = resource(EditorFiles.GDSL);
    assertEquals(EditorFiles.gdsl(), gdsl, "the jar's kexp.gdsl is not the vocabulary's");
    new GroovyShell().parse(gdsl); // IntelliJ runs it as a Groovy script
    assertNamesAll(gdsl);
  }

  @Test
  void theGeneratedDsldNamesEveryKeywordAndParses() throws IOException {
    String dsld = resource(EditorFiles.DSLD);
    assertEquals(EditorFiles.dsld(), dsld, "the jar's dsld/kexp.dsld is not the vocabulary's");
    new GroovyShell().parse(dsld);
    assertNamesAll(dsld);
  }

  @Test
  void eachBlockSKeywordsAreOfferedInsideTheCallsThatOpenIt() throws IOException {
    String gdsl = resource(EditorFiles.GDSL);
    int phases = gdsl.indexOf("enclosingCall('phases') || enclosingCall('setup')");
    assertTrue(phases > 0, "no contributor for phases/setup/teardown");
    int end = gdsl.indexOf("contributor(", phases);
    String block = gdsl.substring(phases, end < 0 ? gdsl.length() : end);
    for (String word : Keywords.calls(Block.PHASES)) {
      assertTrue(block.contains("name: '" + word + "'"), word + " not offered in phases");
    }
  }

  private static void assertNamesAll(String text) {
    List<String> missing = new ArrayList<>();
    for (Keyword k : Vocabulary.all()) {
      if (k.block() != Block.PROMPT && !text.contains("name: '" + k.word() + "'")) {
        missing.add(k.block() + "." + k.word());
      }
    }
    for (String w : Units.WORDS) if (!text.contains("name: '" + w + "'")) missing.add(w);
    for (String w : Keywords.values()) if (!text.contains("name: '" + w + "'")) missing.add(w);
    assertEquals(List.of(), missing);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = EditorFilesTest.class.getResourceAsStream("/" + name)) {
      assertNotNull(in, name + " is not on the class path: the build did not generate it");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
