package dev.kexp.runtime.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads /proc of the machine this JVM runs on. */
public final class LocalProcSource implements ProcSource {

  @Override
  public String read(String path) throws IOException {
    return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
  }
}
