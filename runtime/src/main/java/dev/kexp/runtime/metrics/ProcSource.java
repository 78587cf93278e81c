package dev.kexp.runtime.metrics;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a node's /proc files are read from: this machine, or a remote node. */
public interface ProcSource {

  String read(String path) throws IOException;

  /**
   * Reads several files for one snapshot. A remote source should override this to fetch them in one
   * round trip, so the files describe nearly the same instant.
   */
  default Map<String, String> readAll(List<String> paths) throws IOException {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String path : paths) {
      texts.put(path, read(path));
    }
    return texts;
  }
}
