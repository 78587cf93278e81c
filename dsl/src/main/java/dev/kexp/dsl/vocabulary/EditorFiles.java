package dev.kexp.dsl.vocabulary;

import dev.kexp.dsl.internal.Keywords;
import dev.kexp.dsl.units.Units;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Editor support generated from the {@link Vocabulary}: a GroovyDSL descriptor for IntelliJ IDEA
 * ({@code kexp.gdsl}) and a DSLD file for Eclipse's Groovy tooling ({@code dsld/kexp.dsld}), so
 * {@code .kexp} files get completion and documentation of every block's keywords, the bare words
 * and the units. The build writes both into the dsl jar; {@code kexp editor DIR} writes them into a
 * project.
 */
public final class EditorFiles {
  public static final String GDSL = "kexp.gdsl";
  public static final String DSLD = "dsld/kexp.dsld";

  private static final String HEADER =
      "// Generated from kexp's vocabulary (dev.kexp.dsl.vocabulary.Vocabulary): do not edit.\n";

  private EditorFiles() {}

  /** Writes both files under {@code dir}; the build calls this with its classes directory. */
  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]));
  }

  public static List<Path> write(Path dir) throws IOException {
    List<Path> written = new ArrayList<>();
    for (String name : List.of(GDSL, DSLD)) {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, name.equals(GDSL) ? gdsl() : dsld(), StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }

  /** IntelliJ IDEA's GroovyDSL: contributors per block, found by the enclosing call. */
  public static String gdsl() {
    StringBuilder out = new StringBuilder(HEADER);
    out.append("def kexp = { Map ctx -> context(ctx + [filetypes: ['kexp']]) }\n\n");
    out.append("contributor(kexp(scope: scriptScope())) {\n");
    members(out, Block.TOP, "  ", Syntax.GDSL);
    values(out, "  ", Syntax.GDSL);
    out.append("}\n\n");
    for (Block block : Block.values()) {
      List<String> openers = openers(block);
      if (openers.isEmpty()) continue;
      out.append("contributor(kexp(scope: closureScope())) {\n");
      out.append("  if (")
          .append(
              String.join(
                  " || ", openers.stream().map(w -> "enclosingCall(" + quote(w) + ")").toList()))
          .append(") {\n");
      members(out, block, "    ", Syntax.GDSL);
      values(out, "    ", Syntax.GDSL);
      out.append("  }\n}\n\n");
    }
    out.append("contributor(kexp(ctype: 'java.lang.Number')) {\n");
    units(out, "  ", Syntax.GDSL);
    out.append("}\n");
    return out.toString();
  }

  /** Eclipse's DSLD: the same contributions, with pointcuts on the enclosing call's name. */
  public static String dsld() {
    StringBuilder out = new StringBuilder(HEADER);
    out.append("def kexp = fileExtension('kexp')\n\n");
    out.append("contribute(kexp & isThisType() & ~inClosure()) {\n");
    members(out, Block.TOP, "  ", Syntax.DSLD);
    values(out, "  ", Syntax.DSLD);
    out.append("}\n\n");
    for (Block block : Block.values()) {
      List<String> openers = openers(block);
      if (openers.isEmpty()) continue;
      out.append("contribute(kexp & inClosure() & (")
          .append(
              String.join(
                  " | ", openers.stream().map(w -> "enclosingCallName(" + quote(w) + ")").toList()))
          .append(")) {\n");
      members(out, block, "  ", Syntax.DSLD);
      values(out, "  ", Syntax.DSLD);
      out.append("}\n\n");
    }
    out.append("contribute(kexp & currentType(subType(Number))) {\n");
    units(out, "  ", Syntax.DSLD);
    out.append("}\n");
    return out.toString();
  }

  private enum Syntax {
    GDSL,
    DSLD
  }

  /** The keywords whose closure is this block: {@code phases}, {@code setup}, {@code teardown}. */
  private static List<String> openers(Block block) {
    return Vocabulary.all().stream()
        .filter(k -> k.opens() == block)
        .map(Keyword::word)
        .distinct()
        .toList();
  }

  private static void members(StringBuilder out, Block block, String indent, Syntax syntax) {
    for (Keyword k : Vocabulary.of(block)) {
      String doc = quote(k.doc() + ". e.g. " + k.example());
      if (k.form().callable()) {
        String params =
            k.opens() != null
                ? (syntax == Syntax.GDSL ? "[body: 'groovy.lang.Closure']" : "[body: Closure]")
                : (syntax == Syntax.GDSL ? "[value: 'java.lang.Object']" : "[value: Object]");
        out.append(indent)
            .append("method name: ")
            .append(quote(k.word()))
            .append(", type: ")
            .append("'java.lang.Object'")
            .append(", params: ")
            .append(params)
            .append(", doc: ")
            .append(doc)
            .append('\n');
      }
      if (k.form().bare()) property(out, indent, syntax, k.word(), "java.lang.Object", doc);
    }
  }

  /** Bare words naming values: distributions, runtimes, hypervisors, CNIs, modes. */
  private static void values(StringBuilder out, String indent, Syntax syntax) {
    for (String v : Keywords.values()) {
      property(out, indent, syntax, v, "java.lang.Object", quote("A value kexp knows: " + v));
    }
  }

  private static void units(StringBuilder out, String indent, Syntax syntax) {
    for (String unit : Units.WORDS) {
      String type =
          switch (unit) {
            case "kb", "mb", "gb" -> "dev.kexp.dsl.model.Size";
            case "percent" -> "dev.kexp.dsl.model.Percent";
            default -> "java.time.Duration";
          };
      property(out, indent, syntax, unit, type, quote("A unit: 30." + unit));
    }
  }

  private static void property(
      StringBuilder out, String indent, Syntax syntax, String name, String type, String doc) {
    out.append(indent)
        .append("property name: ")
        .append(quote(name))
        .append(", type: ")
        .append(quote(type))
        .append(", doc: ")
        .append(doc)
        .append('\n');
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
