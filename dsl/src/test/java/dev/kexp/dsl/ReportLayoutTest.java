package dev.kexp.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.dsl.model.ReportFormat;
import dev.kexp.dsl.model.ReportLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report 'html', align: 'PHASE', reference: 'published.csv'}. */
class ReportLayoutTest {
  static final String FILE =
      "experiment 'x' {\n"
          + "    cluster { local }\n"
          + "    workload function('factorial', arg: 500)\n"
          + "    phases {\n"
          + "        ramp 0..20 over 15.s\n"
          + "        hold 20 over 15.s\n"
          + "    }\n"
          + "    report 'html', 'csv', align: 'hold', reference: 'published.csv'\n"
          + "}\n";

  @Test
  void theReportLineCarriesItsAlignmentAndReference(@TempDir Path dir) throws Exception {
    Path kexp = dir.resolve("x.kexp");
    Files.writeString(kexp, FILE);
    Files.writeString(dir.resolve("published.csv"), "metric,cell,value\n");
    Kexp.Loaded l = Kexp.load(kexp);
    assertFalse(l.hasErrors(), l.problems().toString());
    ReportLayout layout = l.experiment().reportLayout();
    assertEquals("hold", layout.align());
    assertEquals("published.csv", layout.reference());
    assertEquals(List.of(ReportFormat.HTML, ReportFormat.CSV), l.experiment().reports());
  }

  @Test
  void aMissingReferenceFileIsAnErrorAtTheReportLine(@TempDir Path dir) throws Exception {
    Path kexp = dir.resolve("x.kexp");
    Files.writeString(kexp, FILE);
    Kexp.Loaded l = Kexp.load(kexp);
    assertTrue(l.hasErrors());
    String problem = l.problems().get(0).toString();
    assertTrue(problem.contains(":8:"), problem);
    assertTrue(
        problem.contains(
            "report reference 'published.csv': no such file (the path is relative to the .kexp file)"),
        problem);
  }

  @Test
  void withoutOptionsTheLayoutIsTheDefault() {
    Kexp.Loaded l =
        Kexp.parse(FILE.replace(", align: 'hold', reference: 'published.csv'", ""), "x");
    assertFalse(l.hasErrors(), l.problems().toString());
    assertNull(l.experiment().reportLayout().align());
    assertNull(l.experiment().reportLayout().reference());
  }
}
