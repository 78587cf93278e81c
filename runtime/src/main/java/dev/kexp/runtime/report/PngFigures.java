package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Analysis.ReportData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;

/**
 * The png format: a PNG beside each SVG image of the latex format ({@code figures/*.svg}), for
 * slides and word processors that do not take SVG, at twice the SVG's size (1800 px for a time
 * chart).
 *
 * <p>Apache Batik renders the SVG with Java2D, so text is drawn with a font Java finds through the
 * system's fontconfig (any sans-serif, e.g. DejaVu Sans). A machine with no font at all cannot draw
 * the labels: then no PNG is written and the report says why, rather than images without text.
 */
final class PngFigures implements ReportWriter {

  static final float SCALE = 2f;

  @Override
  public String word() {
    return "png";
  }

  @Override
  public List<String> files() {
    return List.of(LatexFigures.FIGURES_DIR);
  }

  /** The SVG images it renders are the latex format's. */
  @Override
  public Set<String> needs() {
    return Set.of("latex");
  }

  @Override
  public List<Path> write(Path dir, ReportData data, Set<String> formats) throws IOException {
    Path figures = dir.resolve(LatexFigures.FIGURES_DIR);
    List<Path> svgs;
    try (Stream<Path> s = Files.list(figures)) {
      svgs = s.filter(p -> p.getFileName().toString().endsWith(".svg")).sorted().toList();
    }
    if (svgs.isEmpty()) return List.of();
    String noFont = missingFont();
    if (noFont != null) {
      throw new IOException("PNG images not written: " + noFont);
    }
    // Images are independent; Batik's transcoder is not shared between threads.
    try {
      return svgs.parallelStream().map(PngFigures::render).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Path render(Path svg) {
    String name = svg.getFileName().toString();
    Path png = svg.resolveSibling(name.substring(0, name.length() - ".svg".length()) + ".png");
    try {
      String text = Files.readString(svg);
      PNGTranscoder transcoder = new PNGTranscoder();
      float[] size = viewBoxSize(text);
      if (size != null) {
        transcoder.addTranscodingHint(PNGTranscoder.KEY_WIDTH, size[0] * SCALE);
        transcoder.addTranscodingHint(PNGTranscoder.KEY_HEIGHT, size[1] * SCALE);
      }
      // A white page: a transparent PNG shows the slide's background through the chart.
      transcoder.addTranscodingHint(PNGTranscoder.KEY_BACKGROUND_COLOR, java.awt.Color.WHITE);
      TranscoderInput input = new TranscoderInput(new StringReader(text));
      input.setURI(svg.toUri().toString());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transcoder.transcode(input, new TranscoderOutput(out));
      Files.write(png, out.toByteArray());
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TranscoderException e) {
      throw new UncheckedIOException(new IOException(name + ": " + e.getMessage(), e));
    }
  }

  /** The width and height of the root's viewBox, or null without one. */
  static float[] viewBoxSize(String svg) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "viewBox=\"\\s*[-\\d.]+\\s+[-\\d.]+\\s+([\\d.]+)\\s+([\\d.]+)")
            .matcher(svg);
    if (!m.find()) return null;
    return new float[] {Float.parseFloat(m.group(1)), Float.parseFloat(m.group(2))};
  }

  /**
   * Why text cannot be drawn, or null when it can: Java2D needs at least one font file, and fails
   * (with an error, not an exception) on a machine that has none.
   */
  static String missingFont() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    try {
      return missingFont(
          java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
    } catch (Throwable e) { // NOPMD: the font system throws Errors where fonts are missing
      return "Java's font system failed (" + e + "); on Debian: apt-get install fonts-dejavu-core";
    }
  }

  /** Java's logical families are names, not fonts: they draw nothing without a real family. */
  static String missingFont(String[] families) {
    for (String f : families) {
      if (!List.of("Dialog", "DialogInput", "Monospaced", "SansSerif", "Serif").contains(f)) {
        return null;
      }
    }
    return "Java finds no font to draw the labels with (on Debian: apt-get install"
        + " fonts-dejavu-core)";
  }
}
