package dev.kexp.dsl.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kexp.dsl.Kexp;
import dev.kexp.dsl.model.Phase;
import dev.kexp.dsl.model.Size;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void everyUnitOnIntegersAndDecimals() {
    assertEquals(Duration.ofMillis(250), Units.getMs(250));
    assertEquals(Duration.ofMillis(1500), Units.getS(1.5));
    assertEquals(Duration.ofMinutes(30), Units.getMin(30));
    assertEquals(Duration.ofHours(2), Units.getH(2));
    assertEquals(new Size(512L * 1024), Units.getKb(512));
    assertEquals(new Size(512L << 20), Units.getMb(512));
    assertEquals(new Size(3L << 29), Units.getGb(1.5));
    assertEquals(0.05, Units.getPercent(5).fraction(), 1e-12);
  }

  @Test
  void durationsAreWrittenBackTheWayTheyAreWritten() {
    assertEquals("30min", Units.format(Duration.ofMinutes(30)));
    assertEquals("2h", Units.format(Duration.ofHours(2)));
    assertEquals("10s", Units.format(Duration.ofSeconds(10)));
    assertEquals("1.5s", Units.format(Duration.ofMillis(1500)));
    assertEquals("250ms", Units.format(Duration.ofMillis(250)));
    assertEquals("-2s", Units.format(Duration.ofSeconds(-2)));
    assertEquals("0s", Units.format(Duration.ZERO));
    assertEquals("512mb", new Size(512L << 20).toString());
  }

  @Test
  void unitsAndDurationArithmeticInAFile() {
    Kexp.Loaded loaded =
        Kexp.parse(
            """
            def step = 30.s
            experiment 'u' {
                cluster { master 'n0'; distro k3s }
                phases {
                    iozone file: 1.gb, record: 512.kb
                    idle 2 * step
                    cooldown step * 3 + 1.min
                    idle 1.h / 2
                }
            }
            """,
            "u.kexp");
    assertFalse(loaded.hasErrors(), loaded.problems()::toString);
    var phases = loaded.experiment().phases();
    assertEquals(new Size(1L << 30), ((Phase.Iozone) phases.get(0)).file());
    assertEquals(new Size(512L << 10), ((Phase.Iozone) phases.get(0)).record());
    assertEquals(Duration.ofMinutes(1), phases.get(1).duration());
    assertEquals(Duration.ofSeconds(150), phases.get(2).duration());
    assertEquals(Duration.ofMinutes(30), phases.get(3).duration());
  }
}
