package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The png format renders every SVG image of the latex format with Batik, as a browser draws it: the
 * stylesheet applied (lines, not filled areas), each cell in its colour, twice the SVG's size. The
 * images are kept in target/report-screenshots/ to be looked at.
 */
class PngFiguresTest {
  @TempDir Path dir;

  @Test
  void everySvgFigureGetsAPngOfTwiceItsSize() throws Exception {
    ResultsFixture.write(dir, "png", "complete", ResultsFixture.DEFAULT_REPS);
    ResultsFixture.addClusterData(dir, ResultsFixture.DEFAULT_REPS);
    List<Path> written = Report.write(dir, Set.of("png"));
    assertTrue(Files.exists(dir.resolve("report.tex")), "png writes the latex format it renders");
    List<Path> svgs;
    try (Stream<Path> s = Files.list(dir.resolve("figures"))) {
      svgs = s.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
    }
    assertTrue(svgs.size() >= 5, svgs.toString());
    for (Path svg : svgs) {
      Path png = dir.resolve("figures/" + svg.getFileName().toString().replace(".svg", ".png"));
      assertTrue(written.contains(png), png + " is listed as written");
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, png.toString());
      float[] size = PngFigures.viewBoxSize(Files.readString(svg));
      assertEquals(Math.round(size[0] * 2), image.getWidth(), png.toString());
      assertEquals(Math.round(size[1] * 2), image.getHeight(), png.toString());
    }
    Path shots = Files.createDirectories(Path.of("target/report-screenshots"));
    Files.copy(
        dir.resolve("figures/rps.png"),
        shots.resolve("png-rps.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void aTimeChartIsDrawnAsLinesInTheCellsColoursNotAsFilledAreas() throws Exception {
    ResultsFixture.write(dir, "png", "complete", ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("png"));
    BufferedImage image = ImageIO.read(dir.resolve("figures/rps.png").toFile());
    int pixels = image.getWidth() * image.getHeight();
    int dark = 0;
    int firstCell = 0;
    int grid = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r + g + b < 90) dark++;
        if (near(rgb, 0x0072B2)) firstCell++;
        if (near(rgb, 0xE6E9EE)) grid++;
      }
    }
    // Without the stylesheet (Batik drops a sheet it cannot parse) a path is filled black.
    assertTrue(dark < pixels / 50, "dark pixels: " + dark + " of " + pixels);
    assertTrue(firstCell > 500, "the first cell's line in #0072B2: " + firstCell + " pixels");
    assertTrue(grid > 1000, "the grid from the stylesheet: " + grid + " pixels");
  }

  @Test
  void withoutAFontThePngFormatSaysWhatToInstall() {
    String why = PngFigures.missingFont(new String[] {"Dialog", "SansSerif", "Monospaced"});
    assertNotNull(why);
    assertTrue(why.contains("fonts-dejavu-core"), why);
    assertNull(PngFigures.missingFont(new String[] {"SansSerif", "DejaVu Sans"}));
    assertNull(PngFigures.missingFont(), "this machine has a font (CI installs one)");
  }

  @Test
  void pngIsWrittenOnlyOnRequest() {
    assertFalse(ReportWriters.defaults().contains("png"));
    assertTrue(ReportWriters.defaults().contains("latex"));
  }

  private static boolean near(int rgb, int want) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((rgb >> shift) & 0xff) - ((want >> shift) & 0xff)) > 12) return false;
    }
    return true;
  }
}
