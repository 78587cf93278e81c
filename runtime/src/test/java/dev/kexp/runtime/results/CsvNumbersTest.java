package dev.kexp.runtime.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The results files' fast number and field readers agree with the JDK's on every input. */
class CsvNumbersTest {

  @Test
  void plainDecimalsReadAsParseDoubleReadsThem() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      String s =
          switch (i % 5) {
            case 0 -> Long.toString(1_800_000_000_000L + random.nextInt(1_000_000));
            case 1 -> String.format(Locale.ROOT, "%.2f", random.nextGaussian() * 1000);
            case 2 -> String.format(Locale.ROOT, "%.3f", random.nextDouble() * 20_000);
            case 3 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(12)));
            default -> "0." + Long.toString(Math.abs(random.nextLong()) % 1_000_000_000_000_000L);
          };
      assertEquals(
          Double.doubleToLongBits(Double.parseDouble(s)),
          Double.doubleToLongBits(Csv.number(s)),
          s);
    }
  }

  @Test
  void whatTheFastPathDoesNotTakeIsStillReadOrRefused() {
    for (String s :
        new String[] {
          "-0", "1.", ".5", "1e3", "-2.5E-4", "NaN", "Infinity", "12345678901234567890", "0.1"
        }) {
      assertEquals(
          Double.doubleToLongBits(Double.parseDouble(s)),
          Double.doubleToLongBits(Csv.number(s)),
          s);
    }
    for (String s : new String[] {"", ".", "-", "1.2.3", "12a", "--1"}) {
      assertThrows(NumberFormatException.class, () -> Csv.number(s), s);
    }
  }

  @Test
  void rowsReadFromBytesKeepWhatCompleteLinesKeeps() {
    String file =
        "epoch_ms,phase,rps\r\n"
            + "1000,ramp,7.5\r\n"
            + "\n"
            + "1001,\"a,\"\"b\"\"\",NaN\n"
            + "1002,hold\n"
            + "1003, hold , -0.25 \n"
            + "1004,cut,9";
    Csv.Rows rows = new Csv.Rows(file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(3, rows.size());
    assertEquals(1, rows.malformed, "the row with two fields");
    assertEquals(true, rows.cutOff, "the last line has no newline");
    assertEquals(1000, rows.integer(0, "epoch_ms"));
    assertEquals("ramp", rows.str(0, "phase"));
    assertEquals(7.5, rows.num(0, "rps"));
    assertEquals("a,\"b\"", rows.str(1, "phase"));
    assertEquals(Double.NaN, rows.num(1, "rps"));
    assertEquals("hold", rows.str(2, "phase"));
    assertEquals(-0.25, rows.num(2, "rps"));
    assertEquals(Double.NaN, rows.num(2, "no_such_column"));
    assertThrows(NumberFormatException.class, () -> rows.num(0, "phase"));
    assertEquals(
        false, new Csv.Rows("a\n1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).cutOff);
  }

  @Test
  void aSkippedRowLeavesNothingOfItsQuotedFieldsToTheNextRow() {
    String file = "a,b\n\"x,y\",1,extra\nplain,2\n";
    Csv.Rows rows = new Csv.Rows(file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(1, rows.size());
    assertEquals(1, rows.malformed);
    assertEquals("plain", rows.str(0, "a"));
    assertEquals(2.0, rows.num(0, "b"));
  }

  @Test
  void unquotedAndQuotedLinesSplitAlike() {
    assertArrayEquals(new String[] {"1", "", "ramp", ""}, Csv.split("1,,ramp,"));
    assertArrayEquals(new String[] {"a,b", "c\"d", ""}, Csv.split("\"a,b\",\"c\"\"d\","));
    assertArrayEquals(new String[] {""}, Csv.split(""));
  }
}
